using System.Threading.RateLimiting;

namespace Mindguard.Infrastructure.Telegram;

/// <summary>
/// How many updates this replica handles at once: <see cref="TelegramOptions.WebhookConnections"/>, and
/// never more than half the database pool, so jobs and the API keep connections too. An update over the
/// limit is refused at once (no queue): Telegram delivers it again, and nothing waits long enough to
/// time out after doing its work.
/// </summary>
public sealed class WebhookGate(IOptions<TelegramOptions> telegram, IOptions<Database.DatabaseOptions> database) : IDisposable
{
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = Math.Max(1, Math.Min(telegram.Value.WebhookConnections,
            new NpgsqlConnectionStringBuilder(database.Value.AppConnectionString).MaxPoolSize / 2)),
        QueueLimit = 0,
    });

    /// <summary>A lease to dispose when the update is handled; not acquired when the replica is full.</summary>
    public RateLimitLease TryEnter() => _limiter.AttemptAcquire();

    public void Dispose() => _limiter.Dispose();
}
