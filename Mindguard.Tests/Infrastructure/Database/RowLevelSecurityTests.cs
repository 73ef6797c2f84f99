using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Database;

public sealed class RlsFixture : AppFixture;

/// <summary>Hand-written SQL on the runtime role: what a bug or an injected query could attempt.</summary>
public sealed class RowLevelSecurityTests(RlsFixture fixture) : IClassFixture<RlsFixture>
{
    private async Task<(TestUser A, TestUser B, TestUser Admin, TestUser OtherOrgPerson)> SeedAsync()
    {
        await using var owner = await fixture.App.OwnerConnectionAsync();
        var org = await TestData.OrganisationAsync(owner);
        var otherOrg = await TestData.OrganisationAsync(owner);
        return (await TestData.UserAsync(owner, org), await TestData.UserAsync(owner, org),
            await TestData.UserAsync(owner, org, role: "admin"), await TestData.UserAsync(owner, otherOrg));
    }

    private async Task<NpgsqlConnection> RuntimeAsync()
    {
        var connection = new NpgsqlConnection(TestEnvironment.RuntimeConnectionString(fixture.App.DatabaseUrl));
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

    [Fact]
    public async Task Without_a_context_the_runtime_role_sees_no_personal_rows()
    {
        await SeedAsync();
        await using var runtime = await RuntimeAsync();

        (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM users")).ShouldBe(0);
        (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM api_keys")).ShouldBe(0);
        (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox")).ShouldBe(0);
        (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM telegram_dead_letters")).ShouldBe(0);
    }

    [Fact]
    public async Task An_employee_reads_only_their_own_row_and_cannot_change_anyone_elses()
    {
        var (a, b, _, _) = await SeedAsync();
        await using var runtime = await RuntimeAsync();
        await using var tx = await AsAsync(runtime, a);

        (await runtime.QueryAsync<Guid>("SELECT id FROM users", transaction: tx)).ShouldBe([a.Id]);
        (await runtime.ExecuteAsync("UPDATE users SET role = 'admin' WHERE id = @Id", b, tx)).ShouldBe(0);
        (await runtime.ExecuteAsync("DELETE FROM api_keys WHERE user_id = @Id", b, tx)).ShouldBe(0);
        (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox", transaction: tx)).ShouldBe(0);
    }

    [Fact]
    public async Task An_employee_cannot_insert_rows_for_someone_else()
    {
        var (a, b, _, _) = await SeedAsync();
        await using var runtime = await RuntimeAsync();
        await using var tx = await AsAsync(runtime, a);

        var error = await Should.ThrowAsync<PostgresException>(() => runtime.ExecuteAsync(
            "INSERT INTO api_keys (id, user_id, name, key_hash, display_prefix) VALUES (gen_random_uuid(), @Id, 'stolen', md5(random()::text), 'x')", b, tx));
        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task An_admin_sees_their_organisation_and_nothing_of_another()
    {
        var (a, b, admin, stranger) = await SeedAsync();
        await using var runtime = await RuntimeAsync();
        await using var tx = await AsAsync(runtime, admin);

        var visible = (await runtime.QueryAsync<Guid>("SELECT id FROM users", transaction: tx)).ToList();
        visible.ShouldBe([a.Id, b.Id, admin.Id], ignoreOrder: true);
        visible.ShouldNotContain(stranger.Id);
        (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM organisations", transaction: tx)).ShouldBe(1);
    }

    [Fact]
    public async Task The_context_does_not_outlive_its_transaction()
    {
        var (a, _, _, _) = await SeedAsync();
        await using var runtime = await RuntimeAsync();
        await using (var tx = await AsAsync(runtime, a))
        {
            (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM users", transaction: tx)).ShouldBe(1);
            await tx.CommitAsync();
        }

        (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM users")).ShouldBe(0);
    }

    [Fact]
    public async Task An_employee_cannot_promote_themselves_or_move_team_even_with_their_own_context()
    {
        var (a, _, _, _) = await SeedAsync();
        await using var runtime = await RuntimeAsync();
        await using var tx = await AsAsync(runtime, a);

        var error = await Should.ThrowAsync<PostgresException>(() => runtime.ExecuteAsync("UPDATE users SET role = 'admin' WHERE id = @Id", a, tx));
        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task The_access_log_is_append_only_and_each_person_sees_only_entries_about_them()
    {
        var (a, b, admin, _) = await SeedAsync();
        await using (var owner = await fixture.App.OwnerConnectionAsync())
        {
            await owner.ExecuteAsync("""
                INSERT INTO access_log (organisation_id, reader_id, reader_role, subject_id, what)
                VALUES (@org, @reader, 'admin', @a, 'profile'), (@org, @reader, 'admin', @b, 'profile')
                """, new { org = a.OrganisationId, reader = admin.Id, a = a.Id, b = b.Id });
        }
        await using var runtime = await RuntimeAsync();
        await using var tx = await AsAsync(runtime, a);

        (await runtime.QueryAsync<Guid>("SELECT subject_id FROM access_log", transaction: tx)).ShouldBe([a.Id]);
        var denied = await Should.ThrowAsync<PostgresException>(() => runtime.ExecuteAsync("DELETE FROM access_log WHERE subject_id = @Id", a, tx));
        denied.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task Invites_are_invisible_to_everyone_but_admins_of_their_organisation()
    {
        var (a, _, admin, stranger) = await SeedAsync();
        await using (var owner = await fixture.App.OwnerConnectionAsync())
        {
            var team = await TestData.TeamAsync(owner, a.OrganisationId);
            await owner.ExecuteAsync("""
                INSERT INTO invites (id, organisation_id, team_id, code_prefix, code_hash, max_uses, expires_at)
                VALUES (gen_random_uuid(), @org, @team, 'ABCD', 'x', 1, now() + interval '1 day')
                """, new { org = a.OrganisationId, team });
        }
        await using var runtime = await RuntimeAsync();

        await using (var tx = await AsAsync(runtime, a))
            (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM invites", transaction: tx)).ShouldBe(0);
        await using (var tx = await AsAsync(runtime, stranger))
            (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM invites", transaction: tx)).ShouldBe(0);
        await using (var tx = await AsAsync(runtime, admin))
            (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM invites", transaction: tx)).ShouldBe(1);
    }

    [Fact]
    public async Task A_manager_sees_no_one_elses_rows_and_nothing_of_another_organisation()
    {
        var (a, _, _, stranger) = await SeedAsync();
        await using var owner = await fixture.App.OwnerConnectionAsync();
        var team = await TestData.TeamAsync(owner, a.OrganisationId);
        var manager = await TestData.UserAsync(owner, a.OrganisationId, team, role: "manager");
        await owner.ExecuteAsync("UPDATE users SET team_id = @team WHERE id = @Id", new { team, a.Id });
        await using var runtime = await RuntimeAsync();
        await using var tx = await AsAsync(runtime, manager);

        (await runtime.QueryAsync<Guid>("SELECT id FROM users", transaction: tx)).ShouldBe([manager.Id]);
        (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM teams WHERE organisation_id = @OrganisationId", stranger, tx)).ShouldBe(0);
        (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM api_keys", transaction: tx)).ShouldBe(1);
        (await runtime.ExecuteAsync("DELETE FROM teams WHERE id = @team", new { team }, tx)).ShouldBe(0);
    }
}
