namespace Mindguard.Features.Operations;

/// <summary>The service figures an admin watches: the last 24 hours, the last 7 days, and what is waiting now.</summary>
public sealed record OperationsReport(DateTimeOffset GeneratedAt, OperationsWindow Last24Hours, OperationsWindow Last7Days, OutboxBacklog Backlog,
    IReadOnlyList<ParkedConsequence> ParkedConsequences);

/// <summary>What an answer set in motion (a crisis path, an alert evaluation, an early signal, a note's screening) that kept failing and was set aside, with its reason.</summary>
public sealed record ParkedConsequence(string Kind, string Reason, int Count, DateTime LastParkedAt);

public sealed record OperationsWindow(DateTimeOffset From, DateTimeOffset To, CheckinFigures Checkins, MessageFigures Messages,
    WebhookFigures Webhook, JobFigures Jobs);

/// <summary>
/// Check-in days started in the window (first answer given) and what became of them. The success rate
/// counts finished outcomes only: completed ÷ (completed + expired); days still in progress wait.
/// </summary>
public sealed record CheckinFigures(int Prompted, int Started, int Completed, int Expired, int InProgress, double? SuccessRate,
    double Target, bool? MeetsTarget);

/// <summary>
/// Messages queued in the window through the outbox (prompts, reminders, alerts, summaries; direct replies
/// to a tap or command are not queued). Lag is from queueing to Telegram accepting the message.
/// </summary>
public sealed record MessageFigures(int Queued, int Sent, int Failed, int Pending, int Retried,
    IReadOnlyList<ReasonCount> FailedByReason, double? LagP50Seconds, double? LagP95Seconds, double? LagMaxSeconds);

public sealed record ReasonCount(string Reason, int Count);

/// <summary>
/// Telegram's webhook requests across all replicas. Percentiles are the upper bound of the latency bucket
/// they fall in (5, 10, 25, 50, 100, 250, 500 ms … 10 s), null without requests or above 10 s.
/// </summary>
public sealed record WebhookFigures(long Requests, double? P50Ms, double? P95Ms, double? P99Ms, long SlowerThanTarget,
    double TargetMs, bool? MeetsTarget);

public sealed record JobFigures(int Runs, int Failed, IReadOnlyList<JobSummary> ByJob);

/// <summary>One scheduled job's runs; <c>LastError</c> is the exception type of its latest failure.</summary>
public sealed record JobSummary(string Job, int Runs, int Failed, DateTime LastRunAt, DateTime? LastFailureAt, string? LastError);

/// <summary>Messages waiting now, and how long the oldest one that is due has waited.</summary>
public sealed record OutboxBacklog(int Pending, double? OldestDueSeconds);
