using System.Diagnostics;
using Hangfire.Server;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Observability;

namespace Mindguard.Infrastructure.Scheduling;

/// <summary>
/// Counts every job run and stores it in <c>job_runs</c> (job, start, duration, outcome), so admins see
/// failures in <c>GET /api/org/operations</c> even when Hangfire retries them into success later.
/// </summary>
public sealed class JobRunRecorder(NpgsqlDataSource db, MindguardMetrics metrics, TimeProvider time, ILogger<JobRunRecorder> logger) : IServerFilter
{
    private const string StartedKey = "mindguard.started";
    private static readonly string InsertSql = Sql.Load<JobRunRecorder>("InsertJobRun");

    public void OnPerforming(PerformingContext context) =>
        context.Items[StartedKey] = (time.GetUtcNow(), Stopwatch.GetTimestamp());

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items[StartedKey] is not (DateTimeOffset startedAt, long timestamp)) return;
        var job = context.GetJobParameter<string>("RecurringJobId", allowStale: true) ?? context.BackgroundJob.Job.Type.Name;
        var failure = context.Exception is { } ex && !context.ExceptionHandled ? Unwrap(ex) : null;
        metrics.JobRan(job, failure is null);
        try
        {
            // Hangfire's filters are synchronous and run on its own worker threads, so blocking here is safe.
            RecordAsync(job, startedAt, Stopwatch.GetElapsedTime(timestamp), failure).GetAwaiter().GetResult();
        }
        catch (Exception recordError)
        {
            logger.LogWarning(recordError, "Could not record the run of job {Job}", job);
        }
    }

    private async Task RecordAsync(string job, DateTimeOffset startedAt, TimeSpan duration, Exception? failure)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, CancellationToken.None);
        await session.Connection.ExecuteAsync(session.Command(InsertSql, new
        {
            job,
            startedAt,
            durationMs = (int)Math.Min(int.MaxValue, duration.TotalMilliseconds),
            succeeded = failure is null,
            error = failure?.GetType().Name,
        }, CancellationToken.None));
        await session.CommitAsync(CancellationToken.None);
    }

    // Hangfire wraps what the job threw; the admin wants to know what the job itself ran into.
    private static Exception Unwrap(Exception ex) => ex is Hangfire.Server.JobPerformanceException { InnerException: { } inner } ? inner : ex;
}
