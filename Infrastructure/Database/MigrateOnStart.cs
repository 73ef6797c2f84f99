namespace Mindguard.Infrastructure.Database;

/// <summary>
/// Migrates in <see cref="IHostedLifecycleService.StartingAsync"/>, which runs before any hosted
/// service starts and before the server accepts requests, so nothing ever sees an old schema.
/// </summary>
public sealed class MigrateOnStart(DatabaseMigrator migrator) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken ct) => migrator.MigrateAsync(ct);

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
