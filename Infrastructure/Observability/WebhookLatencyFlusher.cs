namespace Mindguard.Infrastructure.Observability;

/// <summary>Stores this replica's webhook latency counts every few seconds, and once more on shutdown.</summary>
public sealed class WebhookLatencyFlusher(WebhookLatency latency, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await latency.FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await latency.FlushAsync(cancellationToken);
    }
}
