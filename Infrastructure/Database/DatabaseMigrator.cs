using FluentMigrator.Runner;

namespace Mindguard.Infrastructure.Database;

/// <summary>
/// Brings the schema up to date as the owner role, then makes sure the runtime role exists with
/// exactly the rights it needs. Replicas starting together queue on an advisory lock instead of racing.
/// </summary>
public sealed class DatabaseMigrator(IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger)
{
    // Any constant works as long as every replica uses the same one; this is "mindguard" in ASCII.
    private const long MigrationLockKey = 0x6D696E6467756172;

    private static readonly string EnsureAppRoleSql = Sql.Load<DatabaseMigrator>("EnsureAppRole");
    private static readonly string GrantAppRoleSql = Sql.Load<DatabaseMigrator>("GrantAppRole");

    public async Task MigrateAsync(CancellationToken ct)
    {
        var ownerConnectionString = options.Value.OwnerConnectionString;
        await using var lockConnection = new NpgsqlConnection(ownerConnectionString);
        await lockConnection.OpenAsync(ct);
        await lockConnection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = MigrationLockKey }, cancellationToken: ct));
        try
        {
            RunMigrations(ownerConnectionString);
            await GrantRuntimeRoleAsync(lockConnection, ct);
        }
        finally
        {
            await lockConnection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key)", new { key = MigrationLockKey }, cancellationToken: CancellationToken.None));
        }
    }

    private void RunMigrations(string connectionString)
    {
        using var services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner => runner
                .AddPostgres()
                .WithGlobalConnectionString(connectionString)
                .ScanIn(typeof(DatabaseMigrator).Assembly).For.Migrations())
            .AddLogging(logging => logging.AddFluentMigratorConsole().SetMinimumLevel(LogLevel.Warning))
            .BuildServiceProvider(validateScopes: false);
        var runner = services.GetRequiredService<IMigrationRunner>();
        if (runner.HasMigrationsToApplyUp())
        {
            logger.LogInformation("Applying database migrations");
            runner.MigrateUp();
        }
    }

    private async Task GrantRuntimeRoleAsync(NpgsqlConnection owner, CancellationToken ct)
    {
        var opts = options.Value;
        var appRole = new NpgsqlConnectionStringBuilder(opts.AppConnectionString).Username!;
        if (opts.ManagesAppRole)
        {
            // Roles are cluster-wide, so a replica of another database on the same server may create
            // it at the same moment; the advisory lock only covers this database.
            try
            {
                await owner.ExecuteAsync(new CommandDefinition(
                    EnsureAppRoleSql.Replace("{role}", appRole).Replace("{password}", opts.DerivedAppPassword()),
                    cancellationToken: ct));
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
            {
                logger.LogDebug("Runtime role {Role} was created concurrently", appRole);
            }
        }

        var database = owner.Database;
        await owner.ExecuteAsync(new CommandDefinition(
            GrantAppRoleSql.Replace("{role}", Quote(appRole)).Replace("{database}", Quote(database)),
            cancellationToken: ct));
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
