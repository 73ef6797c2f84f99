using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;

namespace Mindguard.Infrastructure.Scheduling;

/// <summary>
/// Writes every job's schedule to Hangfire's storage at start-up. The cron comes from
/// <c>Jobs:&lt;Name&gt;</c> (env <c>Jobs__CleanUp</c>), else the job's default; <c>off</c> removes it.
/// </summary>
/// <remarks>
/// Writing a schedule takes the job's lock in Hangfire's storage. A replica killed while it held one
/// leaves the lock behind until it goes stale, so a job whose lock cannot be had is not a reason to stop
/// this start: the schedule already stored keeps running, and this one is written in the background as
/// soon as the lock is free.
/// </remarks>
public sealed class RegisterRecurringJobs(
    IEnumerable<RecurringJobDefinition> jobs, IRecurringJobManager manager, IConfiguration configuration,
    ILogger<RegisterRecurringJobs> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;

    public Task StartingAsync(CancellationToken ct)
    {
        var waiting = jobs.Where(job => !TryRegister(job)).ToList();
        if (waiting.Count > 0) _retrying = RetryAsync(waiting, _stopping.Token);
        return Task.CompletedTask;
    }

    private async Task RetryAsync(List<RecurringJobDefinition> waiting, CancellationToken ct)
    {
        try
        {
            while (waiting.Count > 0)
            {
                await Task.Delay(RetryDelay, ct);
                try
                {
                    // Hangfire waits for its lock synchronously; off the start-up thread it holds nobody up.
                    await Task.Run(() => waiting.RemoveAll(TryRegister), ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Writing the schedules of {Jobs} failed; trying again", string.Join(", ", waiting.Select(j => j.Name)));
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private bool TryRegister(RecurringJobDefinition job)
    {
        var cron = configuration[$"Jobs:{job.Name}"] ?? job.DefaultCron;
        try
        {
            if (cron.Equals("off", StringComparison.OrdinalIgnoreCase))
            {
                manager.RemoveIfExists(job.Name);
                logger.LogInformation("Job {Job} is off", job.Name);
                return true;
            }
            var run = job.JobType.GetMethod(nameof(IRecurringJob.RunAsync))!;
            manager.AddOrUpdate(job.Name, new Job(job.JobType, run, CancellationToken.None), cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            logger.LogInformation("Job {Job} scheduled at '{Cron}' (UTC)", job.Name, cron);
            return true;
        }
        catch (PostgreSqlDistributedLockException)
        {
            logger.LogWarning("Job {Job}'s schedule is locked (by another replica, or one that stopped abruptly); " +
                              "it keeps its stored schedule and '{Cron}' is written when the lock is free", job.Name, cron);
            return false;
        }
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;

    public async Task StoppingAsync(CancellationToken ct)
    {
        await _stopping.CancelAsync();
        await _retrying.WaitAsync(ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
