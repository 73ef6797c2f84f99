using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mindguard.Infrastructure.Database;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Database;

public sealed class MigrationTests : IAsyncLifetime
{
    private string _databaseUrl = null!;

    public async ValueTask InitializeAsync() => _databaseUrl = await TestEnvironment.FreshDatabaseUrlAsync();

    public async ValueTask DisposeAsync() => await TestEnvironment.DropDatabaseAsync(_databaseUrl);

    private DatabaseMigrator Migrator() =>
        new(Options.Create(new DatabaseOptions { Url = _databaseUrl }), NullLogger<DatabaseMigrator>.Instance);

    [Fact]
    public async Task Two_instances_migrating_at_once_both_succeed_and_apply_each_migration_once()
    {
        await Task.WhenAll(Migrator().MigrateAsync(CancellationToken.None), Migrator().MigrateAsync(CancellationToken.None), Migrator().MigrateAsync(CancellationToken.None));

        await using var owner = new NpgsqlConnection(TestEnvironment.OwnerConnectionString(_databaseUrl));
        var versions = (await owner.QueryAsync<long>("SELECT \"Version\" FROM \"VersionInfo\"")).ToList();
        versions.ShouldBe(versions.Distinct().ToList());
        versions.ShouldContain(1);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name = 'users'")).ShouldBe(1);
    }

    [Fact]
    public async Task Migrating_an_up_to_date_database_changes_nothing()
    {
        await Migrator().MigrateAsync(CancellationToken.None);
        await Migrator().MigrateAsync(CancellationToken.None);

        await using var owner = new NpgsqlConnection(TestEnvironment.OwnerConnectionString(_databaseUrl));
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM \"VersionInfo\" WHERE \"Version\" = 1")).ShouldBe(1);
    }

    [Fact]
    public async Task The_runtime_role_owns_nothing_cannot_bypass_rls_and_cannot_touch_migration_history()
    {
        await Migrator().MigrateAsync(CancellationToken.None);

        await using var owner = new NpgsqlConnection(TestEnvironment.OwnerConnectionString(_databaseUrl));
        var role = await owner.QuerySingleAsync<(bool Super, bool Bypass, bool CreateRole)>(
            "SELECT rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = @role", new { role = DatabaseOptions.DefaultAppRole });
        role.ShouldBe((false, false, false));
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM pg_tables WHERE tableowner = @role", new { role = DatabaseOptions.DefaultAppRole })).ShouldBe(0);

        await using var runtime = new NpgsqlConnection(TestEnvironment.RuntimeConnectionString(_databaseUrl));
        var denied = await Should.ThrowAsync<PostgresException>(() => runtime.ExecuteAsync("DELETE FROM \"VersionInfo\""));
        denied.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        var cannotDisable = await Should.ThrowAsync<PostgresException>(() => runtime.ExecuteAsync("ALTER TABLE users DISABLE ROW LEVEL SECURITY"));
        cannotDisable.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }
}
