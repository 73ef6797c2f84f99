using System.Threading.RateLimiting;

namespace Mindguard.Infrastructure.Telegram;

/// <summary>
/// How many updates this replica handles at once: <see cref="TelegramOptions.WebhookConnections"/>, never
/// more than half the database pool, so jobs and the API keep connections too, and never more than
/// <see cref="UpdatesPerCore"/> per processor. An update over the limit is refused at once (no queue):
/// Telegram delivers it again, and nothing waits long enough to time out after doing its work.
/// </summary>
public sealed class WebhookGate : IDisposable
{
    /// <summary>
    /// Past about a dozen updates per core the work is CPU-bound: more admitted updates only wait for a core,
    /// so the throughput stays and the latency grows; far fewer, and ordinary bursts at 300 answers/s are
    /// refused. Measured with <c>bench/run-webhook.sh</c> on two cores: in its overload 40 at once stored
    /// 398 answers/s with a p99 of 242 ms, 16 at once 394/s with 132 ms; at 300/s, 16 refused 1 % of the
    /// answers (p99 65 ms), 24 none (p99 36 ms).
    /// </summary>
    public const int UpdatesPerCore = 12;

    /// <summary>
    /// Updates admitted in one second, per update the gate admits at once, from which the replica counts as
    /// busy: 96 a second on two cores, about a third of what the check-in benchmark sends.
    /// </summary>
    public const int BusyUpdatesPerSecondPerSlot = 4;

    private readonly ConcurrencyLimiter _limiter;
    private readonly int _busyAt;

    // Updates admitted in the second numbered _second, and in the second before it.
    private readonly Lock _counting = new();
    private long _second;
    private int _inSecond, _inSecondBefore;

    public WebhookGate(IOptions<TelegramOptions> telegram, IOptions<Database.DatabaseOptions> database)
    {
        var limit = Limit(telegram.Value.WebhookConnections,
            new NpgsqlConnectionStringBuilder(database.Value.AppConnectionString).MaxPoolSize, Environment.ProcessorCount);
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = limit, QueueLimit = 0 });
        _busyAt = BusyUpdatesPerSecondPerSlot * limit;
    }

    public static int Limit(int webhookConnections, int databasePoolSize, int processors) =>
        Math.Max(1, Math.Min(webhookConnections, Math.Min(databasePoolSize / 2, processors * UpdatesPerCore)));

    /// <summary>A lease to dispose when the update is handled; not acquired when the replica is full.</summary>
    public RateLimitLease TryEnter()
    {
        var lease = _limiter.AttemptAcquire();
        if (lease.IsAcquired) CountAdmitted();
        return lease;
    }

    /// <summary>
    /// Whether people are tapping fast enough right now that routine background work should wait for them
    /// (see <c>ConsequenceWorker</c>).
    /// </summary>
    public bool IsBusy
    {
        get
        {
            var now = Environment.TickCount64 / 1000;
            lock (_counting)
            {
                var admitted = now == _second ? Math.Max(_inSecond, _inSecondBefore) : now == _second + 1 ? _inSecond : 0;
                return admitted >= _busyAt;
            }
        }
    }

    private void CountAdmitted()
    {
        var now = Environment.TickCount64 / 1000;
        lock (_counting)
        {
            if (now != _second)
            {
                _inSecondBefore = now == _second + 1 ? _inSecond : 0;
                _inSecond = 0;
                _second = now;
            }
            _inSecond++;
        }
    }

    public void Dispose() => _limiter.Dispose();
}
