using System.Diagnostics.Metrics;

namespace Mindguard.Infrastructure.Observability;

/// <summary>
/// The service figures behind the seed's targets (check-in success &gt; 95 %, responses &lt; 500 ms, no
/// message lost), as OpenTelemetry instruments on the <c>Mindguard</c> meter. Each replica counts its own;
/// a collector adds them up. <c>GET /api/org/operations</c> reads the durable equivalents from PostgreSQL.
/// </summary>
public sealed class MindguardMetrics
{
    public const string MeterName = "Mindguard";

    /// <summary>Upper bounds (ms) shared by the OTLP histogram and the stored latency buckets.</summary>
    public static readonly double[] LatencyBucketsMs = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

    private readonly Counter<long> _checkinsStarted;
    private readonly Counter<long> _checkinsCompleted;
    private readonly Counter<long> _checkinsExpired;
    private readonly Counter<long> _messages;
    private readonly Histogram<double> _outboxLag;
    private readonly Histogram<double> _webhookDuration;
    private readonly Counter<long> _jobRuns;
    private readonly Counter<long> _consequences;

    public MindguardMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _checkinsStarted = meter.CreateCounter<long>("mindguard.checkins.started", "{checkin}", "Check-ins whose first question was sent");
        _checkinsCompleted = meter.CreateCounter<long>("mindguard.checkins.completed", "{checkin}", "Check-in days completed, in the bot or over the API");
        _checkinsExpired = meter.CreateCounter<long>("mindguard.checkins.expired", "{checkin}", "Answers tapped after their session had expired");
        _messages = meter.CreateCounter<long>("mindguard.telegram.messages", "{message}", "Outbox deliveries by outcome (sent, retried, failed) and reason");
        _outboxLag = meter.CreateHistogram<double>("mindguard.outbox.lag", "s", "From a message being queued to Telegram accepting it",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });
        _webhookDuration = meter.CreateHistogram<double>("mindguard.webhook.duration", "ms", "Time to answer Telegram's webhook request",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBucketsMs });
        _jobRuns = meter.CreateCounter<long>("mindguard.jobs.runs", "{run}", "Scheduled job runs by job and outcome");
        _consequences = meter.CreateCounter<long>("mindguard.consequences", "{consequence}", "Consequences of answers carried out or parked, by kind");
    }

    public void CheckinStarted() => _checkinsStarted.Add(1);
    public void CheckinCompleted() => _checkinsCompleted.Add(1);
    public void CheckinExpired() => _checkinsExpired.Add(1);

    public void MessageSent(TimeSpan lag)
    {
        _messages.Add(1, new KeyValuePair<string, object?>("outcome", "sent"));
        _outboxLag.Record(Math.Max(0, lag.TotalSeconds));
    }

    public void MessageRetried(string reason) =>
        _messages.Add(1, new KeyValuePair<string, object?>("outcome", "retried"), new KeyValuePair<string, object?>("reason", reason));

    public void MessageFailed(string reason) =>
        _messages.Add(1, new KeyValuePair<string, object?>("outcome", "failed"), new KeyValuePair<string, object?>("reason", reason));

    public void WebhookAnswered(TimeSpan elapsed, int statusCode) =>
        _webhookDuration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("http.response.status_code", statusCode));

    public void JobRan(string job, bool succeeded) =>
        _jobRuns.Add(1, new KeyValuePair<string, object?>("job", job), new KeyValuePair<string, object?>("outcome", succeeded ? "succeeded" : "failed"));

    public void ConsequenceDone(string kind) =>
        _consequences.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", "done"));

    public void ConsequenceParked(string kind) =>
        _consequences.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("outcome", "parked"));
}
