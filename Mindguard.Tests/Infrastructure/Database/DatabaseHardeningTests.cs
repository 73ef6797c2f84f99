using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Infrastructure.Security;
using Mindguard.Tests.Support;
using StackExchange.Redis;

namespace Mindguard.Tests.Infrastructure.Database;

public sealed class HardeningFixture : AppFixture;

/// <summary>Row-level security and the auth cache hold even when configuration or Redis is wrong.</summary>
public sealed class DatabaseHardeningTests(HardeningFixture fixture) : IClassFixture<HardeningFixture>
{
    /// <summary>
    /// Tables that hold nothing about a person and need no policy, each with the reason. A table added
    /// later without RLS fails the test below until it gets policies or a line here.
    /// </summary>
    private static readonly Dictionary<string, string> WithoutRowLevelSecurity = new()
    {
        ["VersionInfo"] = "FluentMigrator's list of applied migrations; the runtime role has no rights on it",
    };

    [Fact]
    public async Task Every_table_has_row_level_security_enabled_and_forced_unless_allow_listed_with_a_reason()
    {
        await using var owner = await fixture.App.OwnerConnectionAsync();
        var tables = (await owner.QueryAsync<(string Name, bool Enabled, bool Forced)>("""
            SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
            """)).ToList();

        tables.Count.ShouldBeGreaterThan(20);
        tables.Where(t => !WithoutRowLevelSecurity.ContainsKey(t.Name) && !(t.Enabled && t.Forced))
            .Select(t => t.Name).ShouldBeEmpty("tables without RLS enabled and forced");
    }

    [Fact]
    public async Task The_owner_role_obeys_the_policies_too()
    {
        var org = await Org.SeedAsync(fixture.App);
        await using var owner = new NpgsqlConnection(Mindguard.Infrastructure.Database.ConnectionUrls.ToNpgsql(fixture.App.DatabaseUrl));
        await owner.OpenAsync();

        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE id = @Id", org.Admin)).ShouldBe(0);
    }

    [Fact]
    public async Task The_runtime_role_cannot_rewrite_or_delete_an_alert_trail()
    {
        var org = await Org.SeedAsync(fixture.App);
        var person = await org.EmployeeAsync(fixture.App);
        var alertId = Guid.CreateVersion7();
        await using (var owner = await fixture.App.OwnerConnectionAsync())
        {
            await owner.ExecuteAsync("""
                INSERT INTO alerts (id, user_id, organisation_id, team_id, rule, metric, level, since)
                VALUES (@alertId, @Id, @OrganisationId, @TeamId, 'critical', 'stress', 'high', current_date);
                INSERT INTO alert_events (alert_id, actor_id, action) VALUES (@alertId, NULL, 'raised');
                """, new { alertId, person.Id, person.OrganisationId, person.TeamId });
        }
        await using var runtime = new NpgsqlConnection(TestEnvironment.RuntimeConnectionString(fixture.App.DatabaseUrl));
        await runtime.OpenAsync();

        async Task<string?> AsSystem(string sql)
        {
            await using var tx = await runtime.BeginTransactionAsync();
            await runtime.ExecuteAsync("SELECT set_config('app.role', 'system', true)", transaction: tx);
            try
            {
                await runtime.ExecuteAsync(sql, new { alertId }, tx);
                await tx.CommitAsync();
                return null;
            }
            catch (PostgresException ex)
            {
                return ex.SqlState;
            }
        }

        (await AsSystem("UPDATE alert_events SET action = 'nothing happened' WHERE alert_id = @alertId")).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await AsSystem("DELETE FROM alert_events WHERE alert_id = @alertId")).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await AsSystem("DELETE FROM alerts WHERE id = @alertId")).ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await AsSystem("INSERT INTO alert_events (alert_id, action) VALUES (@alertId, 'acknowledged')")).ShouldBeNull();
        await using var check = await fixture.App.OwnerConnectionAsync();
        (await check.QueryAsync<string>("SELECT action FROM alert_events WHERE alert_id = @alertId ORDER BY id", new { alertId }))
            .ShouldBe(["raised", "acknowledged"]);
    }

    [Fact]
    public async Task An_admin_role_written_into_the_redis_key_cache_does_not_make_a_key_admin()
    {
        var org = await Org.SeedAsync(fixture.App);
        var person = await org.EmployeeAsync(fixture.App);
        using var client = fixture.App.ClientWithKey(person.ApiKey);
        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var redis = fixture.App.Services.GetRequiredService<IDatabase>();
        var cacheKey = ApiKeyAuthentication.CacheKey(ApiKeys.Hash(person.ApiKey));
        (await redis.KeyExistsAsync(cacheKey)).ShouldBeTrue("the first request caches the key");

        // What an attacker with Redis access would write: the plain entry, and the real entry with its role swapped.
        var cached = (string)(await redis.StringGetAsync(cacheKey))!;
        foreach (var forged in new[] { $"{person.Id}|{person.OrganisationId}|admin", cached.Replace("|employee|", "|admin|") })
        {
            await redis.StringSetAsync(cacheKey, forged, TimeSpan.FromMinutes(1));

            (await client.GetAsync("/api/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }
}

/// <summary>Start-up refuses a runtime role that row-level security would not bind.</summary>
public sealed class RuntimeRoleRefusalTests : AppsTestBase
{
    [Fact]
    public async Task A_runtime_role_that_owns_the_tables_is_refused_at_start_naming_the_variable()
    {
        var databaseUrl = await TestEnvironment.FreshDatabaseUrlAsync();
        await StartAppAsync(databaseUrl: databaseUrl);

        var error = await Should.ThrowAsync<Exception>(() => StartAppAsync(s => s["DATABASE_APP_URL"] = s["DATABASE_URL"], databaseUrl));

        var message = error.GetBaseException().Message;
        message.ShouldStartWith("DATABASE_APP_URL: ");
        message.ShouldContain("owns table");
        message.ShouldNotContain("\n");
        message.ShouldNotContain("mindguard@");
    }
}
