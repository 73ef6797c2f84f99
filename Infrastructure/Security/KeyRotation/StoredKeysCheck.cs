namespace Mindguard.Infrastructure.Security.KeyRotation;

/// <summary>
/// Refuses to start while a stored value is sealed under a key id that <c>MINDGUARD_ENCRYPTION_KEYS</c> no
/// longer holds: an old key removed before <c>keys rotate</c> finished would otherwise surface as people's
/// notes failing to open one by one. Failing the deploy keeps the previous replicas serving and says what
/// to do. Runs after the migration (registered after the database), before anything is served.
/// </summary>
public sealed class StoredKeysCheck(KeyCensus census, MasterKeyRing ring, ILogger<StoredKeysCheck> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken ct)
    {
        var missing = (await census.CountAsync(ct)).Where(c => c.KeyId != DataKeys.DataKeyId && !ring.KeyIds.Contains(c.KeyId)).ToList();
        if (missing.Count == 0) return;

        var ids = string.Join(", ", missing.Select(c => c.KeyId).Distinct().Order());
        var blocking = missing.Where(c => c.Column.BlocksStart).ToList();
        if (blocking.Count > 0)
        {
            throw new OptionsValidationException(EncryptionKeyParser.VariableName, typeof(EncryptionOptions),
            [
                $"{EncryptionKeyParser.VariableName} lacks key {ids}, yet {KeyCensus.Describe(blocking)}; " +
                $"put key {ids} back after the newest key, deploy, run `keys rotate`, and remove it only when its summary says nothing is left.",
            ]);
        }
        logger.LogWarning("Unreadable since their key is no longer configured: {Values}. They are deleted with their kind's retention",
            KeyCensus.Describe(missing));
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
