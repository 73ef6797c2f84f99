using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Scheduling;

/// <summary>
/// A replica killed while it held one of the scheduler's locks (out of memory, a crash, a deploy's
/// SIGKILL) leaves the lock's row behind until it goes stale.
/// </summary>
public sealed class RecurringJobRegistrationTests : AppsTestBase
{
    private const string CleanUpLock = "hangfire:lock:recurring-job:CleanUp";

    [Fact]
    public async Task A_lock_left_by_a_killed_replica_neither_stops_the_next_start_nor_keeps_its_schedule_from_being_written()
    {
        var first = await StartAppAsync();
        await using (var owner = await first.OwnerConnectionAsync())
            await owner.ExecuteAsync("INSERT INTO hangfire.lock (resource, updatecount, acquired) VALUES (@CleanUpLock, 0, now() AT TIME ZONE 'UTC')",
                new { CleanUpLock });

        // A new schedule for the locked job, so its registration can be seen.
        var logs = new CapturedLogs();
        var next = await StartAppAsync(s => s["Jobs:CleanUp"] = "17 3 * * *", first.DatabaseUrl, s => s.AddSingleton<ILoggerProvider>(logs));

        (await next.Http.GetAsync("/health/ready")).EnsureSuccessStatusCode();
        await using var check = await next.OwnerConnectionAsync();
        async Task<string?> CronAsync() =>
            await check.ExecuteScalarAsync<string?>("SELECT value FROM hangfire.hash WHERE key = 'recurring-job:CleanUp' AND field = 'Cron'");
        (await CronAsync()).ShouldNotBe("17 3 * * *");

        // The dead replica's lock goes stale; the schedule is then written without another restart.
        await check.ExecuteAsync("UPDATE hangfire.lock SET acquired = acquired - interval '1 hour' WHERE resource = @CleanUpLock", new { CleanUpLock });
        await Eventually.HoldsAsync(CronAsync, c => c == "17 3 * * *", "the CleanUp schedule to be written", TimeSpan.FromSeconds(60));
        logs.Lines.ShouldContain(l => l.StartsWith("Warning") && l.Contains("CleanUp") && l.Contains("locked"));
    }
}
