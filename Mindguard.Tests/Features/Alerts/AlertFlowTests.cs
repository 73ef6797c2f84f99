using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Features.Alerts;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Alerts;

public sealed class AlertFlowTests : AppsTestBase
{
    private MindguardApp _app = null!;
    private Org _org = null!;
    private TestUser _otherManager = null!;
    private TestUser _person = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _app = await StartAppAsync();
        _org = await Org.SeedAsync(_app);
        await using var owner = await _app.OwnerConnectionAsync();
        var otherTeam = await TestData.TeamAsync(owner, _org.Id);
        _otherManager = await TestData.UserAsync(owner, _org.Id, otherTeam, role: "manager");
        _person = await _org.EmployeeAsync(_app);
        await _app.GiveDataKeyAsync(_person);
    }

    private Task EvaluateAsync() => _app.Services.GetRequiredService<EvaluateAlertsJob>().RunAsync(CancellationToken.None);

    private async Task<List<(Guid Id, string Rule, string Metric, string Status)>> AlertsAsync()
    {
        await using var owner = await _app.OwnerConnectionAsync();
        return (await owner.QueryAsync<(Guid, string, string, string)>("SELECT id, rule, metric, status FROM alerts WHERE user_id = @Id", _person)).ToList();
    }

    [Fact]
    public async Task Weeks_of_very_low_answers_raise_one_critical_alert_to_the_right_people_only()
    {
        await _app.SeedDaysAsync(_person, 20, q => q.Options.Count - 1);

        await EvaluateAsync();
        await EvaluateAsync();

        var alert = (await AlertsAsync()).ShouldHaveSingleItem();
        alert.Rule.ShouldBe("critical");
        var manager = await Telegram.WaitForMessageAsync(_org.Manager.TelegramId, c => c.ButtonData.Contains(AlertButtons.Acknowledge(alert.Id)));
        manager.Text.ShouldContain("не діагноз");
        manager.Text.ShouldNotContain("Зовсім ні");
        await Telegram.WaitForMessageAsync(_org.Admin.TelegramId, c => c.ButtonData.Contains(AlertButtons.Resolve(alert.Id)));
        var told = await Telegram.WaitForMessageAsync(_person.TelegramId);
        told.Text.ShouldStartWith("Ваші відповіді вже кілька днів");
        told.Text.ShouldContain("керівник команди: 1, адміністратори: 1");
        Telegram.MessagesTo(_otherManager.TelegramId).ShouldBeEmpty();
        Telegram.MessagesTo(_org.Manager.TelegramId).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Care_contacts_acknowledge_from_telegram_and_resolve_over_the_api_with_a_trail()
    {
        await _app.SeedDaysAsync(_person, 20, q => q.Options.Count - 1);
        await EvaluateAsync();
        var alert = (await AlertsAsync()).Single();

        await _app.PostUpdateAsync(TelegramUpdates.Callback(_org.Manager.TelegramId, AlertButtons.Acknowledge(alert.Id)));
        await Telegram.WaitForCallAsync(c => c.Method == "answerCallbackQuery" && c.Text == Catalogue.Instance.Get(Msg.AlertAcknowledged, "uk"));
        (await _app.ClientWithKey(_otherManager.ApiKey).PostAsync($"/api/alerts/{alert.Id}/resolve", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _app.ClientWithKey(_org.Admin.ApiKey).PostAsync($"/api/alerts/{alert.Id}/resolve", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var detail = await _app.ClientWithKey(_org.Admin.ApiKey).GetFromJsonAsync<JsonElement>($"/api/alerts/{alert.Id}");
        detail.GetProperty("alert").GetProperty("status").GetString().ShouldBe("resolved");
        detail.GetProperty("alert").GetProperty("acknowledgedBy").GetGuid().ShouldBe(_org.Manager.Id);
        detail.GetProperty("alert").GetProperty("resolvedBy").GetGuid().ShouldBe(_org.Admin.Id);
        detail.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldBe(["raised", "acknowledged", "resolved"]);

        // Resolved less than 7 days ago: the same rule is not raised again yet.
        await EvaluateAsync();
        (await AlertsAsync()).Count.ShouldBe(1);
        var log = await _app.ClientWithKey(_person.ApiKey).GetFromJsonAsync<JsonElement>("/api/me/access-log");
        log.GetProperty("items").EnumerateArray().ShouldContain(e => e.GetProperty("what").GetString() == "alert");
    }

    [Fact]
    public async Task Managers_list_only_their_teams_alerts_and_employees_get_403()
    {
        await _app.SeedDaysAsync(_person, 20, q => q.Options.Count - 1);
        await EvaluateAsync();

        var mine = await _app.ClientWithKey(_org.Manager.ApiKey).GetFromJsonAsync<JsonElement>("/api/alerts?status=open");
        var theirs = await _app.ClientWithKey(_otherManager.ApiKey).GetFromJsonAsync<JsonElement>("/api/alerts");

        mine.GetProperty("items").GetArrayLength().ShouldBe(1);
        theirs.GetProperty("items").GetArrayLength().ShouldBe(0);
        (await _app.ClientWithKey(_person.ApiKey).GetAsync("/api/alerts")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Ordinary_answers_raise_nothing()
    {
        await _app.SeedDaysAsync(_person, 20, _ => 1);

        await EvaluateAsync();

        (await AlertsAsync()).ShouldBeEmpty();
    }
}
