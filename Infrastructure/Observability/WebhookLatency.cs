using Mindguard.Infrastructure.Database;

namespace Mindguard.Infrastructure.Observability;

/// <summary>
/// Webhook answer times per minute, counted in fixed buckets in memory and added to PostgreSQL by
/// <see cref="WebhookLatencyFlusher"/>, so every replica's requests end up in one histogram that
/// <c>GET /api/org/operations</c> can read percentiles from. It also feeds the OTLP histogram.
/// </summary>
public sealed class WebhookLatency(NpgsqlDataSource db, MindguardMetrics metrics, TimeProvider time, ILogger<WebhookLatency> logger)
{
    private static readonly string UpsertSql = Sql.Load<WebhookLatency>("UpsertWebhookLatency");

    private readonly Lock _gate = new();
    private Dictionary<DateTimeOffset, long[]> _pending = [];

    public void Record(TimeSpan elapsed, int statusCode)
    {
        metrics.WebhookAnswered(elapsed, statusCode);
        var now = time.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var bucket = Bucket(elapsed.TotalMilliseconds);
        lock (_gate)
        {
            if (!_pending.TryGetValue(minute, out var counts)) _pending[minute] = counts = new long[BucketCount];
            counts[bucket]++;
        }
    }

    /// <summary>One bucket per bound in <see cref="MindguardMetrics.LatencyBucketsMs"/>, and one for anything slower.</summary>
    public static int BucketCount => MindguardMetrics.LatencyBucketsMs.Length + 1;

    public static int Bucket(double milliseconds)
    {
        var bounds = MindguardMetrics.LatencyBucketsMs;
        for (var i = 0; i < bounds.Length; i++)
        {
            if (milliseconds <= bounds[i]) return i;
        }
        return bounds.Length;
    }

    /// <summary>Adds what this replica counted since the last flush to the stored histogram.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        Dictionary<DateTimeOffset, long[]> taken;
        lock (_gate)
        {
            if (_pending.Count == 0) return;
            taken = _pending;
            _pending = [];
        }
        try
        {
            await using var session = await db.OpenSessionAsync(Actor.System, ct);
            foreach (var (minute, counts) in taken)
            {
                await session.Connection.ExecuteAsync(session.Command(UpsertSql, new { minute, counts }, ct));
            }
            await session.CommitAsync(ct);
        }
        catch (Exception ex)
        {
            // Put the counts back so the next flush stores them: a database outage should not leave a gap.
            lock (_gate)
            {
                foreach (var (minute, counts) in taken)
                {
                    if (!_pending.TryGetValue(minute, out var current)) _pending[minute] = current = new long[BucketCount];
                    for (var i = 0; i < counts.Length; i++) current[i] += counts[i];
                }
            }
            logger.LogWarning(ex, "Could not store webhook latency figures; they are kept for the next try");
        }
    }
}
