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

public sealed class OffboardingTests : OneOrgTestBase
{
    private HttpClient Admin => App.ClientWithKey(Org.Admin.ApiKey);

    private async Task SayAsync(long person, string text) =>
        (await App.PostUpdateAsync(TelegramUpdates.Text(person, text))).StatusCode.ShouldBe(HttpStatusCode.OK);

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
        var person = await Org.EmployeeAsync(App);
        await App.GiveDataKeyAsync(person);
        await App.SeedDaysAsync(person, 20, q => q.Options.Count - 1);
        await App.Services.GetRequiredService<EvaluateAlertsJob>().RunAsync(CancellationToken.None);
        await using var owner = await App.OwnerConnectionAsync();
        var alertId = await owner.ExecuteScalarAsync<Guid>("SELECT id FROM alerts WHERE user_id = @Id", person);
        await Telegram.WaitForMessageAsync(Org.Manager.TelegramId, c => c.ButtonData.Contains(AlertButtons.Acknowledge(alertId)));

        await DeactivateAsync(Org.Manager);
        (await App.PostUpdateAsync(TelegramUpdates.Callback(Org.Manager.TelegramId, AlertButtons.Acknowledge(alertId)))).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var command in new[] { "/team", "/status", "/wall", "/start", "/checkin", "hello" }) await SayAsync(Org.Manager.TelegramId, command);
        await ExportStillWorksAsync(Org.Manager.TelegramId);

        var notices = Telegram.MessagesTo(Org.Manager.TelegramId).Where(c => c.Method != "sendDocument" && !c.ButtonData.Contains(AlertButtons.Acknowledge(alertId))).ToList();
        notices.ShouldHaveSingleItem().Text.ShouldBe(Catalogue.Instance.Get(Msg.DeactivatedNotice, "uk"));
        (await owner.ExecuteScalarAsync<string>("SELECT status FROM alerts WHERE id = @alertId", new { alertId })).ShouldBe("open");
        (await owner.ExecuteScalarAsync<bool>("SELECT active FROM users WHERE id = @Id", Org.Manager)).ShouldBeFalse();
    }

    [Fact]
    public async Task Start_does_not_bring_back_a_deactivated_person_or_their_keys_only_an_admin_does()
    {
        var person = await Org.EmployeeAsync(App);
        var theirKey = App.ClientWithKey(person.ApiKey);
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
        var leaver = await Org.EmployeeAsync(App);
        var colleague = await Org.EmployeeAsync(App);
        await DeactivateAsync(leaver);

        // 08:00 UTC is 10:00 in Kyiv, everyone's default check-in time.
        await ActivatorUtilities.CreateInstance<DispatchDueCheckinsJob>(App.Services,
            (TimeProvider)new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero))).RunAsync(CancellationToken.None);

        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE user_id = @Id", colleague)).ShouldBe(1);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE user_id = @Id", leaver)).ShouldBe(0);
    }

    [Fact]
    public async Task An_admin_removes_a_person_the_way_forget_does()
    {
        var person = await Org.EmployeeAsync(App);
        var stranger = await (await Org.SeedAsync(App)).EmployeeAsync(App);

        (await Admin.DeleteAsync($"/api/users/{stranger.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Admin.DeleteAsync($"/api/users/{Org.Admin.Id}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await App.ClientWithKey(Org.Manager.ApiKey).DeleteAsync($"/api/users/{person.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Admin.DeleteAsync($"/api/users/{person.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await App.ClientWithKey(person.ApiKey).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE id = @Id", person)).ShouldBe(0);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE id = @Id", stranger)).ShouldBe(1);
        await SayAsync(person.TelegramId, "/status");
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.NotAMember, "uk"));
    }
}
