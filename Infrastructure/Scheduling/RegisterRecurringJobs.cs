using Hangfire;
using Hangfire.Common;

namespace Mindguard.Infrastructure.Scheduling;

/// <summary>
/// Writes every job's schedule to Hangfire's storage at start-up. The cron comes from
/// <c>Jobs:&lt;Name&gt;</c> (env <c>Jobs__CleanUp</c>), else the job's default; <c>off</c> removes it.
/// </summary>
public sealed class RegisterRecurringJobs(
    IEnumerable<RecurringJobDefinition> jobs, IRecurringJobManager manager, IConfiguration configuration,
    ILogger<RegisterRecurringJobs> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken ct)
    {
        foreach (var job in jobs)
        {
            var cron = configuration[$"Jobs:{job.Name}"] ?? job.DefaultCron;
            if (cron.Equals("off", StringComparison.OrdinalIgnoreCase))
            {
                manager.RemoveIfExists(job.Name);
                continue;
            }
            var run = job.JobType.GetMethod(nameof(IRecurringJob.RunAsync))!;
            manager.AddOrUpdate(job.Name, new Job(job.JobType, run, CancellationToken.None), cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
            logger.LogInformation("Job {Job} scheduled at '{Cron}' (UTC)", job.Name, cron);
        }
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
