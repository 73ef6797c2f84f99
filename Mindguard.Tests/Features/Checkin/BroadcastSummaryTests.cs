using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Mindguard.Features.Checkin.Jobs;
using Mindguard.Infrastructure.Telegram.Outbox;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Checkin;

/// <summary>SPEC §9: each broadcast logs one summary once its messages are all sent or failed.</summary>
public sealed class BroadcastSummaryTests : AppsTestBase
{
    // Wednesday 25 November 2026, 10:00:30 in Kyiv.
    private static readonly DateTimeOffset TenInKyiv = new(2026, 11, 25, 8, 0, 30, TimeSpan.Zero);

    [Fact]
    public async Task The_morning_prompts_end_with_one_summary_of_sent_skipped_and_failed()
    {
        var logs = new CapturedLogs();
        var app = await StartAppAsync(services: s => s.AddSingleton<ILoggerProvider>(logs));
        var org = await Org.SeedAsync(app);
        var people = new List<TestUser>();
        for (var i = 0; i < 3; i++) people.Add(await org.EmployeeAsync(app));
        var paused = await org.EmployeeAsync(app);
        var inactive = await org.EmployeeAsync(app);
        await using (var owner = await app.OwnerConnectionAsync())
        {
            // Only the five employees are due at ten; the admin and the manager check in later.
            await owner.ExecuteAsync("UPDATE users SET checkin_time = CASE role WHEN 'employee' THEN '10:00'::time ELSE '18:00'::time END WHERE organisation_id = @Id", new { org.Id });
            await owner.ExecuteAsync("UPDATE users SET paused_until = '2026-12-31' WHERE id = @Id", paused);
            await owner.ExecuteAsync("UPDATE users SET active = false WHERE id = @Id", inactive);
        }
        Telegram.Inject(Failure.Blocked(), "sendMessage", people[2].TelegramId);

        await ActivatorUtilities.CreateInstance<DispatchDueCheckinsJob>(app.Services, (TimeProvider)new FakeTimeProvider(TenInKyiv)).RunAsync(CancellationToken.None);
        foreach (var person in people)
        {
            await Eventually.HoldsAsync(() => app.OutboxRowAsync(person.TelegramId), r => r.Status is "sent" or "failed", "every prompt to be sent or failed");
        }
        var summarise = app.Services.GetRequiredService<SummariseBroadcastsJob>();
        await summarise.RunAsync(CancellationToken.None);
        await summarise.RunAsync(CancellationToken.None);

        var summaries = logs.Lines.Where(l => l.Contains("Broadcast checkin-prompts finished")).ToList();
        summaries.Count.ShouldBe(1);
        summaries[0].ShouldContain("2 sent, 2 skipped (paused or inactive), 1 failed (blocked by user (403) ×1)");
        summaries[0].ShouldContain("messages/s");
    }
}
