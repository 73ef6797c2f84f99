using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Wall;

public sealed class WallRlsFixture : AppFixture
{
    protected override void Configure(Dictionary<string, string?> settings) => WallKit.Configure(settings);
}

/// <summary>Hand-written SQL on the runtime role, as a bug or an injected query could attempt it.</summary>
public sealed class WallRowLevelSecurityTests(WallRlsFixture fixture) : IClassFixture<WallRlsFixture>
{
    private MindguardApp App => fixture.App;

    private async Task<NpgsqlConnection> RuntimeAsync()
    {
        var connection = new NpgsqlConnection(TestEnvironment.RuntimeConnectionString(App.DatabaseUrl));
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<NpgsqlTransaction> AsAsync(NpgsqlConnection connection, TestUser user)
    {
        var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT set_config('app.user_id', @u, true), set_config('app.org_id', @o, true), set_config('app.role', @r, true)",
            new { u = user.Id.ToString(), o = user.OrganisationId.ToString(), r = user.Role }, tx);
        return tx;
    }

    private async Task<string> PostAsync(TestUser author, string text)
    {
        var response = await App.ClientWithKey(author.ApiKey).PostAsJsonAsync("/api/wall/posts", new { text, category = "other" });
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("deletionToken").GetString()!;
    }

    /// <summary>An organisation with one released visible post, one released hidden post and one pending post.</summary>
    private async Task<WallOrg> SeedAsync()
    {
        var org = await WallOrg.SeedAsync(App);
        await PostAsync(org.Employees[0], "видимий");
        await PostAsync(org.Employees[1], "прихований");
        await App.ReleaseAsync();
        await PostAsync(org.Employees[2], "ще не випущений");
        await using var owner = await App.OwnerConnectionAsync();
        await owner.ExecuteAsync("""
            UPDATE wall_posts SET hidden = 'admin'
            WHERE id = (SELECT id FROM wall_posts WHERE organisation_id = @Id AND released_seq IS NOT NULL ORDER BY released_seq DESC LIMIT 1)
            """, new { org.Org.Id });
        return org;
    }

    private static Task<long> CountAsync(NpgsqlConnection runtime, NpgsqlTransaction tx, string where = "true") =>
        runtime.ExecuteScalarAsync<long>($"SELECT count(*) FROM wall_posts WHERE {where}", transaction: tx);

    [Fact]
    public async Task A_member_of_another_organisation_cannot_read_the_posts_with_hand_written_sql()
    {
        var org = await SeedAsync();
        var stranger = (await WallOrg.SeedAsync(App)).Employees[0];
        var strangerAdmin = (await WallOrg.SeedAsync(App)).Admin;
        await using var runtime = await RuntimeAsync();

        await using (var tx = await AsAsync(runtime, stranger))
        {
            (await CountAsync(runtime, tx, $"organisation_id = '{org.Org.Id}'")).ShouldBe(0);
            (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM wall_flags", transaction: tx)).ShouldBe(0);
        }
        await using (var tx = await AsAsync(runtime, strangerAdmin))
            (await CountAsync(runtime, tx, $"organisation_id = '{org.Org.Id}'")).ShouldBe(0);
        (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM wall_posts")).ShouldBe(0);
    }

    [Fact]
    public async Task Members_see_released_visible_posts_admins_also_hidden_ones_and_nobody_pending_ones()
    {
        var org = await SeedAsync();
        await using var runtime = await RuntimeAsync();

        foreach (var member in new[] { org.Employees[0], org.Org.Manager })
        {
            await using var tx = await AsAsync(runtime, member);
            (await CountAsync(runtime, tx)).ShouldBe(1);
            (await CountAsync(runtime, tx, "hidden IS NOT NULL OR released_seq IS NULL")).ShouldBe(0);
        }
        await using (var tx = await AsAsync(runtime, org.Admin))
        {
            (await CountAsync(runtime, tx)).ShouldBe(2);
            (await CountAsync(runtime, tx, "released_seq IS NULL")).ShouldBe(0);
        }
    }

    [Fact]
    public async Task Members_cannot_change_delete_or_smuggle_in_a_released_post_and_admins_only_hide_or_restore()
    {
        var org = await SeedAsync();
        await using var runtime = await RuntimeAsync();

        await using (var tx = await AsAsync(runtime, org.Employees[0]))
        {
            (await runtime.ExecuteAsync("UPDATE wall_posts SET hidden = 'admin'", transaction: tx)).ShouldBe(0);
            (await runtime.ExecuteAsync("DELETE FROM wall_posts", transaction: tx)).ShouldBe(0);
            var smuggled = await Should.ThrowAsync<PostgresException>(() => runtime.ExecuteAsync("""
                INSERT INTO wall_posts (id, organisation_id, category, body, created_on, released_seq, delete_token_hash)
                VALUES (gen_random_uuid(), @OrganisationId, 'other', '\x00', current_date, 999999, sha256('x'))
                """, org.Employees[0], tx));
            smuggled.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
        await using (var tx = await AsAsync(runtime, org.Admin))
        {
            (await runtime.ExecuteAsync("DELETE FROM wall_posts", transaction: tx)).ShouldBe(0);
            var rewrite = await Should.ThrowAsync<PostgresException>(() => runtime.ExecuteAsync("UPDATE wall_posts SET body = '\\x00'", transaction: tx));
            rewrite.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM wall_posts WHERE organisation_id = @Id", new { org.Org.Id })).ShouldBe(3);
    }

    [Fact]
    public async Task Knowing_a_posts_stored_hash_is_not_enough_to_delete_it_only_its_token_is()
    {
        var org = await WallOrg.SeedAsync(App);
        var token = await PostAsync(org.Employees[0], "мій");
        await App.ReleaseAsync();
        await using var runtime = await RuntimeAsync();
        await using var tx = await AsAsync(runtime, org.Employees[1]);

        var hash = await runtime.QuerySingleAsync<byte[]>("SELECT delete_token_hash FROM wall_posts WHERE organisation_id = @Id", new { org.Org.Id }, tx);
        (await runtime.ExecuteScalarAsync<bool>("SELECT wall_delete_post(@hash)", new { hash }, tx)).ShouldBeFalse();
        (await runtime.ExecuteScalarAsync<bool>("SELECT wall_delete_post(@token)", new { token = RandomNumberGenerator.GetBytes(18) }, tx)).ShouldBeFalse();
        (await CountAsync(runtime, tx, $"organisation_id = '{org.Org.Id}'")).ShouldBe(1);

        var raw = System.Buffers.Text.Base64Url.DecodeFromChars(token);
        (await runtime.ExecuteScalarAsync<bool>("SELECT wall_delete_post(@raw)", new { raw }, tx)).ShouldBeTrue();
        (await CountAsync(runtime, tx, $"organisation_id = '{org.Org.Id}'")).ShouldBe(0);
    }

    [Fact]
    public async Task Flags_and_digests_are_unreadable_to_members_and_a_flag_cannot_target_a_hidden_post()
    {
        var org = await SeedAsync();
        await using var runtime = await RuntimeAsync();
        await using var tx = await AsAsync(runtime, org.Admin);

        (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM wall_flags", transaction: tx)).ShouldBe(0);
        (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM wall_digests", transaction: tx)).ShouldBe(0);
        var hidden = await runtime.QuerySingleAsync<Guid>("SELECT id FROM wall_posts WHERE hidden IS NOT NULL", transaction: tx);
        var refused = await Should.ThrowAsync<PostgresException>(() =>
            runtime.ExecuteAsync("INSERT INTO wall_flags (post_id, flagger) VALUES (@hidden, '\\x01')", new { hidden }, tx));
        refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }
}
