using Mindguard.Features.Checkin;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Observability;

namespace Mindguard.Features.Operations;

/// <summary>
/// Reads the service figures from PostgreSQL, where every replica's work ends up. Check-ins and messages
/// are the organisation's own; webhook latency and job runs belong to the deployment as a whole.
/// Only counts and times leave the database: no message text, no answer, no name.
/// </summary>
public sealed class OperationsFigures(NpgsqlDataSource db, WebhookLatency latency, IOptions<CheckinOptions> checkin, TimeProvider time)
{
    public const double CheckinSuccessTarget = 0.95;
    public const double WebhookTargetMs = 500;

    private static readonly string CheckinsSql = Sql.Load<OperationsFigures>("CheckinFigures");
    private static readonly string MessagesSql = Sql.Load<OperationsFigures>("MessageFigures");
    private static readonly string ReasonsSql = Sql.Load<OperationsFigures>("FailedMessageReasons");
    private static readonly string BacklogSql = Sql.Load<OperationsFigures>("OutboxBacklog");
    private static readonly string LatencySql = Sql.Load<OperationsFigures>("WebhookLatencyCounts");
    private static readonly string JobsSql = Sql.Load<OperationsFigures>("JobRuns");
    private static readonly string ParkedSql = Sql.Load<OperationsFigures>("ParkedConsequences");

    public async Task<OperationsReport> ReadAsync(Guid organisationId, CancellationToken ct)
    {
        // This replica's latest webhook timings go in first, so what the admin reads includes them.
        await latency.FlushAsync(ct);
        var now = time.GetUtcNow();
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var day = await WindowAsync(session, organisationId, now.AddHours(-24), now, ct);
        var week = await WindowAsync(session, organisationId, now.AddDays(-7), now, ct);
        var backlog = await session.Connection.QuerySingleAsync<OutboxBacklog>(session.Command(BacklogSql, new { organisationId, now }, ct));
        var parked = (await session.Connection.QueryAsync<ParkedConsequence>(session.Command(ParkedSql, new { organisationId }, ct))).ToList();
        await session.CommitAsync(ct);
        return new OperationsReport(now, day, week, backlog, parked);
    }

    private async Task<OperationsWindow> WindowAsync(DbSession session, Guid organisationId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var window = new { organisationId, from, to };
        var c = await session.Connection.QuerySingleAsync<(int Prompted, int Started, int Completed, int Expired)>(
            session.Command(CheckinsSql, new { organisationId, from, to, sessionMinutes = checkin.Value.SessionMinutes }, ct));
        var finished = c.Completed + c.Expired;
        double? success = finished == 0 ? null : (double)c.Completed / finished;
        var checkins = new CheckinFigures(c.Prompted, c.Started, c.Completed, c.Expired, c.Started - finished, success,
            CheckinSuccessTarget, success is null ? null : success >= CheckinSuccessTarget);

        var m = await session.Connection.QuerySingleAsync<MessageRow>(session.Command(MessagesSql, window, ct));
        var reasons = (await session.Connection.QueryAsync<ReasonCount>(session.Command(ReasonsSql, window, ct))).ToList();
        var messages = new MessageFigures(m.Queued, m.Sent, m.Failed, m.Pending, m.Retried, reasons,
            m.LagP50Seconds, m.LagP95Seconds, m.LagMaxSeconds);

        var counts = await session.Connection.QueryAsync<long[]>(session.Command(LatencySql, new { from, to }, ct));
        var jobs = (await session.Connection.QueryAsync<JobSummary>(session.Command(JobsSql, new { from, to }, ct))).ToList();
        return new OperationsWindow(from, to, checkins, messages, Webhook(counts),
            new JobFigures(jobs.Sum(j => j.Runs), jobs.Sum(j => j.Failed), jobs));
    }

    private static WebhookFigures Webhook(IEnumerable<long[]> minutes)
    {
        var total = new long[WebhookLatency.BucketCount];
        foreach (var minute in minutes)
        {
            for (var i = 0; i < Math.Min(total.Length, minute.Length); i++) total[i] += minute[i];
        }
        var requests = total.Sum();
        var targetBucket = WebhookLatency.Bucket(WebhookTargetMs);
        var slower = total.Skip(targetBucket + 1).Sum();
        var p99 = Percentile(total, requests, 0.99);
        return new WebhookFigures(requests, Percentile(total, requests, 0.50), Percentile(total, requests, 0.95), p99, slower,
            WebhookTargetMs, requests == 0 ? null : slower == 0);
    }

    /// <summary>The upper bound of the bucket holding the given share of requests.</summary>
    private static double? Percentile(long[] buckets, long requests, double share)
    {
        if (requests == 0) return null;
        var rank = (long)Math.Ceiling(share * requests);
        long seen = 0;
        for (var i = 0; i < buckets.Length; i++)
        {
            seen += buckets[i];
            if (seen >= rank) return i < MindguardMetrics.LatencyBucketsMs.Length ? MindguardMetrics.LatencyBucketsMs[i] : null;
        }
        return null;
    }

    private sealed record MessageRow(int Queued, int Sent, int Failed, int Pending, int Retried,
        double? LagP50Seconds, double? LagP95Seconds, double? LagMaxSeconds);
}
