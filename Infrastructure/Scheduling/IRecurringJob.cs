namespace Mindguard.Infrastructure.Scheduling;

/// <summary>
/// A job Hangfire runs on a cron schedule, once across all replicas. Jobs keep their state in
/// PostgreSQL, so running one again after a crash is always safe.
/// </summary>
public interface IRecurringJob
{
    Task RunAsync(CancellationToken ct);
}

/// <summary>A job's name (its key under <c>Jobs</c> in configuration) and its default schedule.</summary>
public sealed record RecurringJobDefinition(string Name, Type JobType, string DefaultCron);
