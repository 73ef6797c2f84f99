using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mindguard.Infrastructure.Database;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Scheduling;

/// <summary>The job scheduler's storage connects as a role of its own that cannot read anyone's data (issue 16).</summary>
public sealed class JobsStorageRoleTests : AppsTestBase
{
    private static async Task<List<string>> HangfireTableOwnersAsync(MindguardApp app)
    {
        await using var owner = await app.OwnerConnectionAsync();
        return (await owner.QueryAsync<string>("SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'hangfire'")).ToList();
    }

    [Fact]
    public async Task The_scheduler_connects_as_a_role_that_owns_only_its_schema_and_cannot_read_personal_tables()
    {
        var app = await StartAppAsync();
        var person = await (await Org.SeedAsync(app)).EmployeeAsync(app);
        var database = new Uri(app.DatabaseUrl).AbsolutePath.Trim('/');

        // The scheduler's own sessions are the jobs role's, and it owns Hangfire's tables.
        var roles = await Eventually.HoldsAsync(async () =>
        {
            await using var owner = await app.OwnerConnectionAsync();
            return (await owner.QueryAsync<string>(
                "SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = @database AND pid <> pg_backend_pid() AND query ILIKE '%hangfire%'", new { database })).ToList();
        }, r => r.Count > 0, "the scheduler's sessions", TimeSpan.FromSeconds(30));
        roles.ShouldBe([DatabaseOptions.DefaultJobsRole]);
        (await HangfireTableOwnersAsync(app)).ShouldBe([DatabaseOptions.DefaultJobsRole]);

        await using var jobs = new NpgsqlConnection(app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.JobsConnectionString);
        await jobs.OpenAsync();
        (await jobs.ExecuteScalarAsync<long>("SELECT count(*) FROM hangfire.set WHERE key = 'recurring-jobs'")).ShouldBeGreaterThan(0);
        foreach (var table in new[] { "users", "checkin_answers", "checkin_notes", "voice_notes", "alerts", "outbox" })
        {
            var denied = await Should.ThrowAsync<PostgresException>(() => jobs.ExecuteScalarAsync<long>(
                $"SELECT count(*) FROM public.{table} WHERE {(table == "users" ? "id" : "user_id")} = @Id", person));
            denied.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
    }

    [Fact]
    public async Task A_scheduler_schema_the_owner_made_before_is_handed_to_the_jobs_role_and_keeps_its_jobs()
    {
        var databaseUrl = await TestEnvironment.FreshDatabaseUrlAsync();
        await using (var owner = new NpgsqlConnection(ConnectionUrls.ToNpgsql(databaseUrl)))
        {
            // As deployments before issue 16 did: Hangfire installed as the owner role.
            await owner.OpenAsync();
            Hangfire.PostgreSql.PostgreSqlObjectsInstaller.Install(owner, "hangfire");
            // A set of its own: the scheduler tidies 'recurring-jobs' entries that have no job behind them.
            await owner.ExecuteAsync("INSERT INTO hangfire.set (key, value, score) VALUES ('kept-from-before', 'KeptFromBefore', 0)");
        }

        var app = await StartAppAsync(databaseUrl: databaseUrl);

        (await HangfireTableOwnersAsync(app)).ShouldBe([DatabaseOptions.DefaultJobsRole]);
        await using var check = await app.OwnerConnectionAsync();
        (await check.QueryAsync<string>("SELECT value FROM hangfire.set WHERE key = 'kept-from-before'")).ShouldContain("KeptFromBefore");
        (await check.QueryAsync<string>("SELECT value FROM hangfire.set WHERE key = 'recurring-jobs'")).ShouldContain("CleanUp");
    }

    [Fact]
    public async Task A_scheduler_role_that_owns_the_tables_is_refused_at_start_naming_the_variable()
    {
        var databaseUrl = await TestEnvironment.FreshDatabaseUrlAsync();
        await StartAppAsync(databaseUrl: databaseUrl);

        var error = await Should.ThrowAsync<Exception>(() => StartAppAsync(s => s["DATABASE_JOBS_URL"] = s["DATABASE_URL"], databaseUrl));

        var message = error.GetBaseException().Message;
        message.ShouldStartWith("DATABASE_JOBS_URL: ");
        message.ShouldContain("owns table");
        message.ShouldNotContain("\n");
        message.ShouldNotContain("mindguard@");
    }
}
