using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mindguard.Features.Alerts;
using Mindguard.Features.Checkin.Jobs;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Users;

public sealed class OffboardingTests : AppsTestBase
{
    private MindguardApp _app = null!;
    private Org _org = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _app = await StartAppAsync();
        _org = await Org.SeedAsync(_app);
    }

    private HttpClient Admin => _app.ClientWithKey(_org.Admin.ApiKey);

    private async Task SayAsync(long person, string text) =>
        (await _app.PostUpdateAsync(TelegramUpdates.Text(person, text))).StatusCode.ShouldBe(HttpStatusCode.OK);

    private async Task DeactivateAsync(TestUser person, bool active = false) =>
        (await Admin.PatchAsJsonAsync($"/api/users/{person.Id}", new { active })).StatusCode.ShouldBe(HttpStatusCode.OK);

    /// <summary>/export still works, and being last it also shows every earlier reply has gone out.</summary>
    private async Task ExportStillWorksAsync(long person)
    {
        await SayAsync(person, "/export");
        await Telegram.WaitForCallAsync(c => c.Succeeded && c.ChatId == person && c.Method == "sendDocument");
    }

    [Fact]
    public async Task A_deactivated_managers_alert_button_team_status_wall_and_start_do_nothing_after_one_polite_message()
    {
        var person = await _org.EmployeeAsync(_app);
        await _app.GiveDataKeyAsync(person);
        await _app.SeedDaysAsync(person, 20, q => q.Options.Count - 1);
        await _app.Services.GetRequiredService<EvaluateAlertsJob>().RunAsync(CancellationToken.None);
        await using var owner = await _app.OwnerConnectionAsync();
        var alertId = await owner.ExecuteScalarAsync<Guid>("SELECT id FROM alerts WHERE user_id = @Id", person);
        await Telegram.WaitForMessageAsync(_org.Manager.TelegramId, c => c.ButtonData.Contains(AlertButtons.Acknowledge(alertId)));

        await DeactivateAsync(_org.Manager);
        (await _app.PostUpdateAsync(TelegramUpdates.Callback(_org.Manager.TelegramId, AlertButtons.Acknowledge(alertId)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var command in new[] { "/team", "/status", "/wall", "/start", "/checkin", "hello" }) await SayAsync(_org.Manager.TelegramId, command);
        await ExportStillWorksAsync(_org.Manager.TelegramId);

        var notices = Telegram.MessagesTo(_org.Manager.TelegramId).Where(c => c.Method != "sendDocument" && !c.ButtonData.Contains(AlertButtons.Acknowledge(alertId))).ToList();
        notices.ShouldHaveSingleItem().Text.ShouldBe(Catalogue.Instance.Get(Msg.DeactivatedNotice, "uk"));
        (await owner.ExecuteScalarAsync<string>("SELECT status FROM alerts WHERE id = @alertId", new { alertId })).ShouldBe("open");
        (await owner.ExecuteScalarAsync<bool>("SELECT active FROM users WHERE id = @Id", _org.Manager)).ShouldBeFalse();
    }

    [Fact]
    public async Task Start_does_not_bring_back_a_deactivated_person_or_their_keys_only_an_admin_does()
    {
        var person = await _org.EmployeeAsync(_app);
        var theirKey = _app.ClientWithKey(person.ApiKey);
        (await theirKey.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await DeactivateAsync(person);
        await SayAsync(person.TelegramId, "/start");
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.DeactivatedNotice, "uk"));

        (await theirKey.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await DeactivateAsync(person, active: true);
        (await theirKey.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await SayAsync(person.TelegramId, "/start");
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.WelcomeBack, "uk"));
    }

    [Fact]
    public async Task Scheduled_prompts_skip_a_deactivated_person()
    {
        var leaver = await _org.EmployeeAsync(_app);
        var colleague = await _org.EmployeeAsync(_app);
        await DeactivateAsync(leaver);

        // 08:00 UTC is 10:00 in Kyiv, everyone's default check-in time.
        await ActivatorUtilities.CreateInstance<DispatchDueCheckinsJob>(_app.Services,
            (TimeProvider)new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero))).RunAsync(CancellationToken.None);

        await using var owner = await _app.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE user_id = @Id", colleague)).ShouldBe(1);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE user_id = @Id", leaver)).ShouldBe(0);
    }

    [Fact]
    public async Task An_admin_removes_a_person_the_way_forget_does()
    {
        var person = await _org.EmployeeAsync(_app);
        var stranger = await (await Org.SeedAsync(_app)).EmployeeAsync(_app);

        (await Admin.DeleteAsync($"/api/users/{stranger.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Admin.DeleteAsync($"/api/users/{_org.Admin.Id}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _app.ClientWithKey(_org.Manager.ApiKey).DeleteAsync($"/api/users/{person.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Admin.DeleteAsync($"/api/users/{person.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await _app.ClientWithKey(person.ApiKey).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await using var owner = await _app.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE id = @Id", person)).ShouldBe(0);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE id = @Id", stranger)).ShouldBe(1);
        await SayAsync(person.TelegramId, "/status");
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.NotAMember, "uk"));
    }
}
