using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mindguard.Features.Alerts.Summaries;
using Mindguard.Features.Status.Periods;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Alerts;

public sealed class WeeklySummaryTests : AppsTestBase
{
    [Fact]
    public async Task Monday_morning_brings_one_summary_per_care_contact_with_participation_as_a_percentage_only_for_teams_meeting_k()
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);
        await using (var owner = await app.OwnerConnectionAsync())
        {
            var small = await TestData.TeamAsync(owner, org.Id, "Маленька");
            var smallManager = await TestData.UserAsync(owner, org.Id, small, role: "manager");
            await owner.ExecuteAsync("UPDATE teams SET name = 'Велика' WHERE id = @TeamId", org);
            // The week of 16–22 November 2026: the big team has 5 respondents, the small one 2.
            var lastDay = new DateOnly(2026, 11, 22);
            await app.SeedDaysAsync(org.Manager, 14, lastDay: lastDay);
            for (var i = 0; i < 4; i++) await app.SeedDaysAsync(await org.EmployeeAsync(app), 14, lastDay: lastDay);
            await app.SeedDaysAsync(smallManager, 14, lastDay: lastDay);
        }
        Task RunAt(DateTimeOffset utc) =>
            ActivatorUtilities.CreateInstance<SendWeeklySummariesJob>(app.Services, (TimeProvider)new FakeTimeProvider(utc)).RunAsync(CancellationToken.None);
        Task CloseAt(DateTimeOffset utc) =>
            ActivatorUtilities.CreateInstance<ClosePeriodsJob>(app.Services, (TimeProvider)new FakeTimeProvider(utc)).RunAsync(CancellationToken.None);
        await using var check = await app.OwnerConnectionAsync();
        Task<long> SummariesAsync() => check.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE payload->>'text' LIKE 'Mindguard: тижневий%'");

        await RunAt(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero)); // 09:00 in Kyiv, but the week is not published yet
        (await SummariesAsync()).ShouldBe(0);
        await CloseAt(new DateTimeOffset(2026, 11, 22, 23, 5, 0, TimeSpan.Zero)); // 01:05 on Monday in Kyiv
        await RunAt(new DateTimeOffset(2026, 11, 23, 6, 59, 0, TimeSpan.Zero)); // 08:59 in Kyiv
        (await SummariesAsync()).ShouldBe(0);

        await RunAt(new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero)); // 09:00 in Kyiv
        await RunAt(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));

        var summaries = (await check.QueryAsync<(long Chat, string Text)>(
            "SELECT chat_id, payload->>'text' FROM outbox WHERE payload->>'text' LIKE 'Mindguard: тижневий%'")).ToList();
        summaries.Count.ShouldBe(3);
        var admin = summaries.Single(s => s.Chat == org.Admin.TelegramId).Text;
        admin.ShouldContain("16–22 листопада 2026");
        admin.ShouldContain("Велика: участь 100 %");
        admin.ShouldContain("Маленька: приховано");
        admin.ShouldNotContain(" з ");
        // The manager is one of the five: for them only four others answered, fewer than k.
        var manager = summaries.Single(s => s.Chat == org.Manager.TelegramId).Text;
        manager.ShouldContain("Велика: приховано");
        manager.ShouldNotContain("Маленька");
    }
}
