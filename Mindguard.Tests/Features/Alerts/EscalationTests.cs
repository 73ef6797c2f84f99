using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mindguard.Features.Alerts;
using Mindguard.Features.Alerts.Escalation;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Alerts;

public sealed class EscalationTests : AppsTestBase
{
    private static Task RunAtAsync(MindguardApp app, TimeSpan later) =>
        ActivatorUtilities.CreateInstance<EscalateAlertsJob>(app.Services, (TimeProvider)new FakeTimeProvider(DateTimeOffset.UtcNow + later))
            .RunAsync(CancellationToken.None);

    [Fact]
    public async Task A_talk_now_request_nobody_acknowledged_in_four_hours_goes_to_the_admins_once_and_is_in_its_trail()
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);
        var person = await org.EmployeeAsync(app);
        await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, CrisisPath.TalkData));
        await Telegram.WaitForMessageAsync(org.Manager.TelegramId, c => c.Succeeded);
        var toPersonBefore = Telegram.MessagesTo(person.TelegramId).Count;

        await RunAtAsync(app, TimeSpan.FromHours(3));
        await RunAtAsync(app, TimeSpan.FromHours(5));
        await RunAtAsync(app, TimeSpan.FromHours(6));

        var escalated = await Telegram.WaitForMessageAsync(org.Admin.TelegramId, c => c.Succeeded && c.Text!.Contains("ще не відгукнувся"));
        escalated.ButtonData.ShouldAllBe(d => d.StartsWith("al:v1:"));
        await using var owner = await app.OwnerConnectionAsync();
        await Eventually.HoldsAsync(() => owner.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')"),
            n => n == 0, "the outbox to be drained");
        Telegram.MessagesTo(org.Admin.TelegramId).Count(c => c.Text!.Contains("ще не відгукнувся")).ShouldBe(1);
        Telegram.MessagesTo(org.Manager.TelegramId).ShouldNotContain(c => c.Text!.Contains("ще не відгукнувся"));
        Telegram.MessagesTo(person.TelegramId).Count.ShouldBe(toPersonBefore);
        (await owner.QueryAsync<string>("""
            SELECT e.action FROM alert_events e JOIN alerts a ON a.id = e.alert_id WHERE a.user_id = @Id ORDER BY e.id
            """, person)).ShouldBe(["talk requested", "escalated to admins (1)"]);
    }

    [Fact]
    public async Task An_acknowledged_request_is_not_escalated()
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);
        var person = await org.EmployeeAsync(app);
        await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, CrisisPath.TalkData));
        var toManager = await Telegram.WaitForMessageAsync(org.Manager.TelegramId, c => c.Succeeded);
        await app.PostUpdateAsync(TelegramUpdates.Callback(org.Manager.TelegramId, toManager.ButtonData[0]));
        await using var owner = await app.OwnerConnectionAsync();
        await Eventually.HoldsAsync(() => owner.ExecuteScalarAsync<string>("SELECT status FROM alerts WHERE user_id = @Id", person),
            s => s == "acknowledged", "the manager's acknowledgement");

        await RunAtAsync(app, TimeSpan.FromHours(50));

        (await owner.ExecuteScalarAsync<bool>("SELECT escalated_at IS NULL FROM alerts WHERE user_id = @Id", person)).ShouldBeTrue();
    }
}
