using FluentMigrator.Runner;
using Polly;
using Polly.Retry;

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

    // Roles are cluster-wide but advisory locks are per database: deployments of other databases on
    // the same server may alter the role at the same moment, which PostgreSQL reports as a conflict.
    private static readonly ResiliencePipeline RoleConflictRetry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<PostgresException>(e =>
                e.SqlState is PostgresErrorCodes.InternalError or PostgresErrorCodes.SerializationFailure
                    or PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation),
            MaxRetryAttempts = 5,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

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
            var ensure = EnsureAppRoleSql.Replace("{role}", appRole).Replace("{password}", opts.DerivedAppPassword());
            await RoleConflictRetry.ExecuteAsync(async token => await owner.ExecuteAsync(new CommandDefinition(ensure, cancellationToken: token)), ct);
        }

        var grant = GrantAppRoleSql.Replace("{role}", Quote(appRole)).Replace("{database}", Quote(owner.Database));
        await RoleConflictRetry.ExecuteAsync(async token => await owner.ExecuteAsync(new CommandDefinition(grant, cancellationToken: token)), ct);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
