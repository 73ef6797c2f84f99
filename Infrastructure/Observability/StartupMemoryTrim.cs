namespace Mindguard.Infrastructure.Observability;

/// <summary>
/// Start-up leaves garbage on the heap (configuration binding, the migration check, endpoint discovery,
/// the first requests of the job server) that an idle replica would keep committed until enough new
/// allocations trigger a full collection, which at idle may take hours. One aggressive collection a few
/// seconds after the app is ready returns it to the operating system (about 4 MB of an idle replica's
/// 155, bench/README.md). Once per process: it is the process's start-up that left the garbage.
/// </summary>
public sealed class StartupMemoryTrim(IHostApplicationLifetime lifetime) : BackgroundService
{
    private static readonly TimeSpan AfterReady = TimeSpan.FromSeconds(5);
    private static int _done;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interlocked.Exchange(ref _done, 1) == 1) return;
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        await Task.Delay(AfterReady, stoppingToken);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }
}
