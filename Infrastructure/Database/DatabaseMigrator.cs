using FluentMigrator.Runner;
using Mindguard.Infrastructure.Metadata;
using Polly;
using Polly.Retry;

namespace Mindguard.Infrastructure.Database;

/// <summary>
/// Brings the schema up to date as the owner role, then makes sure the runtime role exists with
/// exactly the rights it needs. Replicas starting together queue on an advisory lock instead of racing.
/// </summary>
public sealed class DatabaseMigrator(IOptions<DatabaseOptions> options, ILogger<DatabaseMigrator> logger)
{
    static DatabaseMigrator() => DapperConventions.Apply();

    // Any constant works as long as every replica uses the same one; this is "mindguard" in ASCII.
    private const long MigrationLockKey = 0x6D696E6467756172;

    private static readonly string EnsureAppRoleSql = Sql.Load<DatabaseMigrator>("EnsureAppRole");
    private static readonly string GrantAppRoleSql = Sql.Load<DatabaseMigrator>("GrantAppRole");
    private static readonly string AppendOnlyTablesSql = Sql.Load<DatabaseMigrator>("AppendOnlyTables");
    private static readonly string ForceRowLevelSecuritySql = Sql.Load<DatabaseMigrator>("ForceRowLevelSecurity");
    private static readonly string RuntimeRolePowersSql = Sql.Load<DatabaseMigrator>("GetRuntimeRolePowers");
    private static readonly string PrepareJobsSchemaSql = Sql.Load<DatabaseMigrator>("PrepareJobsSchema");
    private static readonly string JobsRolePowersSql = Sql.Load<DatabaseMigrator>("GetJobsRolePowers");

    /// <summary>Where the job scheduler keeps its state; its own role owns it.</summary>
    public const string JobsSchema = "hangfire";

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
            if (await HasMigrationsToApplyAsync(lockConnection, ct)) RunMigrations(AsSystem(ownerConnectionString));
            await lockConnection.ExecuteAsync(new CommandDefinition(ForceRowLevelSecuritySql, cancellationToken: ct));
            await GrantRuntimeRoleAsync(lockConnection, ct);
            await RefusePrivilegedRuntimeRoleAsync(lockConnection, ct);
            await PrepareJobsStorageAsync(lockConnection, ct);
        }
        finally
        {
            await lockConnection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key)", new { key = MigrationLockKey }, cancellationToken: CancellationToken.None));
        }
    }

    /// <summary>The versions of every migration in this build.</summary>
    // By name: typeof would load FluentMigrator, which a start on an up-to-date database never needs.
    private static readonly Lazy<List<long>> KnownVersions = new(() =>
        TypeIndex.Read(typeof(DatabaseMigrator).Assembly).Int64AttributeValues("FluentMigrator.MigrationAttribute"));

    /// <summary>
    /// Whether any migration of this build is missing from FluentMigrator's list. A replica restarting on
    /// an up-to-date database (nearly every start) then never builds the runner, which would otherwise
    /// load and keep its code for the life of the process.
    /// </summary>
    private static async Task<bool> HasMigrationsToApplyAsync(NpgsqlConnection owner, CancellationToken ct)
    {
        var listed = await owner.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT to_regclass('public.\"VersionInfo\"') IS NOT NULL", cancellationToken: ct));
        if (!listed) return true;
        var applied = (await owner.QueryAsync<long>(new CommandDefinition("SELECT \"Version\" FROM public.\"VersionInfo\"", cancellationToken: ct))).ToHashSet();
        return !KnownVersions.Value.All(applied.Contains);
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
            var ensure = EnsureAppRoleSql.Replace("{role}", appRole).Replace("{password}", opts.DerivedAppPassword()).Replace("{variable}", "DATABASE_APP_URL");
            await RoleConflictRetry.ExecuteAsync(async token => await owner.ExecuteAsync(new CommandDefinition(ensure, cancellationToken: token)), ct);
        }

        var grant = GrantAppRoleSql.Replace("{role}", Quote(appRole)).Replace("{database}", Quote(owner.Database))
                    + "\n" + AppendOnlyTablesSql.Replace("{role}", Quote(appRole));
        await RoleConflictRetry.ExecuteAsync(async token => await owner.ExecuteAsync(new CommandDefinition(grant, cancellationToken: token)), ct);
    }

    /// <summary>
    /// Row-level security is forced, so the owner obeys the policies too: migrations that move data
    /// act as the system, as the jobs do, instead of silently seeing no rows.
    /// </summary>
    private static string AsSystem(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? "-c app.role=system" : builder.Options + " -c app.role=system";
        return builder.ConnectionString;
    }

    /// <summary>
    /// A runtime role that is superuser, has BYPASSRLS or owns a table (itself or through a role it
    /// belongs to) could read every person's rows or switch the policies off: the app refuses to start.
    /// </summary>
    private async Task RefusePrivilegedRuntimeRoleAsync(NpgsqlConnection owner, CancellationToken ct)
    {
        var opts = options.Value;
        var role = new NpgsqlConnectionStringBuilder(opts.AppConnectionString).Username!;
        var powers = await owner.QuerySingleOrDefaultAsync<RolePowers>(new CommandDefinition(RuntimeRolePowersSql, new { role }, cancellationToken: ct));
        if (powers is null) return;
        var problem = powers switch
        {
            { Superuser: true } => "is a superuser",
            { BypassRls: true } => "has BYPASSRLS",
            { OwnedTable: { } table } => $"owns table {table} (directly or through a role it belongs to)",
            _ => null,
        };
        if (problem is null) return;
        var variable = opts.ManagesAppRole ? $"DATABASE_URL (runtime role {role} is derived from it)" : "DATABASE_APP_URL";
        throw new InvalidOperationException(
            $"{variable}: the runtime role {role} {problem}; it must own no table and have neither SUPERUSER nor BYPASSRLS, so row-level security holds.");
    }

    private sealed record RolePowers(bool Superuser, bool BypassRls, string? OwnedTable);

    /// <summary>
    /// The scheduler (Hangfire) connects as a role of its own that owns the <c>hangfire</c> schema and nothing
    /// else, so a mistake in its storage, or its connection string in a dashboard or a log, reaches no
    /// personal data. Its objects are installed here, as that role, before any replica's scheduler starts.
    /// </summary>
    private async Task PrepareJobsStorageAsync(NpgsqlConnection owner, CancellationToken ct)
    {
        var opts = options.Value;
        var role = new NpgsqlConnectionStringBuilder(opts.JobsConnectionString).Username!;
        if (opts.ManagesJobsRole)
        {
            var ensure = EnsureAppRoleSql.Replace("{role}", role).Replace("{password}", opts.DerivedJobsPassword()).Replace("{variable}", "DATABASE_JOBS_URL");
            await RoleConflictRetry.ExecuteAsync(async token => await owner.ExecuteAsync(new CommandDefinition(ensure, cancellationToken: token)), ct);
        }
        await RefusePrivilegedJobsRoleAsync(owner, role, ct);

        var prepare = PrepareJobsSchemaSql.Replace("{role}", Quote(role)).Replace("{literal}", "'" + role.Replace("'", "''") + "'")
            .Replace("{database}", Quote(owner.Database));
        await RoleConflictRetry.ExecuteAsync(async token => await owner.ExecuteAsync(new CommandDefinition(prepare, cancellationToken: token)), ct);
        // Seen once with three migrators on one database (they queue on the lock above): Hangfire's installer
        // failed with a catalog unique violation (23505 on pg_class); a second attempt finds its objects made.
        await RoleConflictRetry.ExecuteAsync(async token =>
        {
            await using var jobs = new NpgsqlConnection(opts.JobsConnectionString);
            await jobs.OpenAsync(token);
            Hangfire.PostgreSql.PostgreSqlObjectsInstaller.Install(jobs, JobsSchema);
        }, ct);
    }

    private async Task RefusePrivilegedJobsRoleAsync(NpgsqlConnection owner, string role, CancellationToken ct)
    {
        var powers = await owner.QuerySingleOrDefaultAsync<JobsRolePowers>(new CommandDefinition(JobsRolePowersSql, new { role }, cancellationToken: ct));
        if (powers is null) return;
        var problem = powers switch
        {
            { Superuser: true } => "is a superuser",
            { BypassRls: true } => "has BYPASSRLS",
            { OwnedTable: { } table } => $"owns table {table} (directly or through a role it belongs to)",
            { ReadableTable: { } table } => $"has rights on table {table}",
            _ => null,
        };
        if (problem is null) return;
        var variable = options.Value.ManagesJobsRole ? $"DATABASE_URL (scheduler role {role} is derived from it)" : "DATABASE_JOBS_URL";
        throw new InvalidOperationException(
            $"{variable}: the scheduler role {role} {problem}; it may own only the {JobsSchema} schema, with no rights on the app's tables and neither SUPERUSER nor BYPASSRLS.");
    }

    private sealed record JobsRolePowers(bool Superuser, bool BypassRls, string? OwnedTable, string? ReadableTable);

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
