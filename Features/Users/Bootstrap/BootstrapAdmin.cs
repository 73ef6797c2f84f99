using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Bootstrap;

/// <summary>
/// Turns <c>MINDGUARD_BOOTSTRAP_API_KEY</c> into an admin key of the default organisation when no
/// admin key exists yet. Runs at start-up after migrations; replicas serialise on a transaction lock.
/// </summary>
public sealed class BootstrapAdmin(NpgsqlDataSource db, IOptions<BootstrapOptions> options, PersonCipher cipher, ILogger<BootstrapAdmin> logger) : IHostedLifecycleService
{
    private static readonly string LockSql = Sql.Load<BootstrapAdmin>("LockBootstrap");
    private static readonly string InsertOrganisationSql = Sql.Load<BootstrapAdmin>("InsertDefaultOrganisation");
    private static readonly string GetOrganisationSql = Sql.Load<BootstrapAdmin>("GetDefaultOrganisation");
    private static readonly string CountAdminKeysSql = Sql.Load<BootstrapAdmin>("CountAdminKeys");
    private static readonly string InsertAdminSql = Sql.Load<BootstrapAdmin>("InsertBootstrapAdmin");
    private static readonly string InsertKeySql = Sql.Load<BootstrapAdmin>("InsertApiKey");
    private static readonly string FindKeySql = Sql.Load<BootstrapAdmin>("FindBootstrapKey");

    public async Task StartingAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(options.Value.ApiKey)) return;

        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var c = session.Connection;
        await c.ExecuteAsync(session.Command(LockSql, null, ct));
        if (await c.ExecuteScalarAsync<long>(session.Command(CountAdminKeysSql, null, ct)) > 0) return;
        var key = options.Value.ApiKey!;
        // Idempotent: a key registered once is never inserted again. Revoked, it stays revoked (the
        // operator retired it on purpose) and start-up goes on rather than crash-looping on its unique hash.
        if (await c.ExecuteScalarAsync<bool?>(session.Command(FindKeySql, new { keyHash = ApiKeys.Hash(key) }, ct)) is { } revoked)
        {
            if (revoked) logger.LogWarning("MINDGUARD_BOOTSTRAP_API_KEY was revoked and is not registered again; remove it from the environment");
            return;
        }

        await c.ExecuteAsync(session.Command(InsertOrganisationSql, new { id = Guid.CreateVersion7() }, ct));
        var organisationId = await c.ExecuteScalarAsync<Guid>(session.Command(GetOrganisationSql, null, ct));
        var userId = Guid.CreateVersion7();
        var dataKey = cipher.NewKey(userId);
        await c.ExecuteAsync(session.Command(InsertAdminSql, new
        {
            id = userId,
            organisationId,
            displayName = cipher.EncryptDisplayName(userId, dataKey.Wrapped, "Bootstrap admin"),
            dataKey = dataKey.Wrapped,
        }, ct));
        await c.ExecuteAsync(session.Command(InsertKeySql, new
        {
            id = Guid.CreateVersion7(),
            userId,
            name = "bootstrap",
            keyHash = ApiKeys.Hash(key),
            displayPrefix = key[..12],
        }, ct));
        await session.CommitAsync(ct);
        logger.LogInformation("Bootstrap admin API key registered for the default organisation");
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
