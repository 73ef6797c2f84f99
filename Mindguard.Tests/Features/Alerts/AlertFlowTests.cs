using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Features.Alerts;
using Mindguard.Features.Users;
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
        manager.Text!.ShouldContain("не діагноз");
        manager.Text!.ShouldNotContain("Зовсім ні");
        var told = await Telegram.WaitForMessageAsync(_person.TelegramId);
        told.Text.ShouldStartWith("Ваші відповіді вже кілька днів");
        told.Text.ShouldContain($"({Catalogue.Instance.Get(Msg.AlertContactManager, "uk")})");
        Telegram.MessagesTo(_org.Admin.TelegramId).ShouldBeEmpty();
        Telegram.MessagesTo(_otherManager.TelegramId).ShouldBeEmpty();
        Telegram.MessagesTo(_org.Manager.TelegramId).Count.ShouldBe(1);
    }

    /// <summary>
    /// Who is told is defined (the team's managers; admins only where the team has none, or always when the
    /// organisation says so), and the person is told exactly those people, by name.
    /// </summary>
    [Theory]
    [InlineData("fallback", true)]
    [InlineData("always", true)]
    [InlineData("fallback", false)]
    public async Task The_people_named_as_informed_are_exactly_the_ones_who_received_the_alert(string admins, bool teamHasManager)
    {
        await using (var owner = await _app.OwnerConnectionAsync())
        {
            var cipher = _app.Services.GetRequiredService<PersonCipher>();
            foreach (var (user, name) in new[] { (_org.Manager, "Марта Бойко"), (_org.Admin, "Тарас Мельник"), (_otherManager, "Ігор Савчук") })
            {
                var key = cipher.NewKey(user.Id);
                await owner.ExecuteAsync("UPDATE users SET data_key = @key, display_name = @name WHERE id = @Id",
                    new { user.Id, key = key.Wrapped, name = cipher.EncryptDisplayName(user.Id, key.Wrapped, name) });
            }
            await owner.ExecuteAsync("UPDATE organisations SET alert_admins = @admins WHERE id = @Id", new { admins, _org.Id });
            if (!teamHasManager) await owner.ExecuteAsync("UPDATE users SET active = false WHERE id = @Id", _org.Manager);
        }
        await _app.SeedDaysAsync(_person, 20, q => q.Options.Count - 1);

        await EvaluateAsync();

        var alert = (await AlertsAsync()).ShouldHaveSingleItem();
        var told = (await Telegram.WaitForMessageAsync(_person.TelegramId, c => c.Text!.StartsWith("Ваші відповіді вже кілька днів"))).Text!;
        var expected = new List<(TestUser User, string Name)>();
        if (teamHasManager) expected.Add((_org.Manager, "Марта Бойко"));
        if (admins == "always" || !teamHasManager) expected.Add((_org.Admin, "Тарас Мельник"));
        foreach (var (user, name) in expected)
        {
            await Telegram.WaitForMessageAsync(user.TelegramId, c => c.ButtonData.Contains(AlertButtons.Acknowledge(alert.Id)));
            told.ShouldContain(name);
        }
        var notTold = new[] { (_org.Manager, "Марта Бойко"), (_org.Admin, "Тарас Мельник"), (_otherManager, "Ігор Савчук") }.Except(expected);
        // The contacts' messages were queued in the same transaction as the person's, which has arrived:
        // nothing queued for anyone else means nobody else is told.
        await using var db = await _app.OwnerConnectionAsync();
        foreach (var (user, name) in notTold)
        {
            told.ShouldNotContain(name);
            (await db.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE chat_id = @TelegramId", user)).ShouldBe(0);
        }
    }

    [Theory]
    [InlineData("uk")]
    [InlineData("en")]
    public async Task A_care_contact_reads_plain_words_the_area_and_since_when_with_no_instrument_or_score(string language)
    {
        await using (var owner = await _app.OwnerConnectionAsync())
        {
            var cipher = _app.Services.GetRequiredService<PersonCipher>();
            var key = await owner.QuerySingleAsync<byte[]>("SELECT data_key FROM users WHERE id = @Id", _person);
            await owner.ExecuteAsync("UPDATE users SET display_name = @name WHERE id = @Id",
                new { _person.Id, name = cipher.EncryptDisplayName(_person.Id, key, "Олена Коваль") });
            await owner.ExecuteAsync("UPDATE users SET language = @language WHERE id = @Id", new { language, _org.Manager.Id });
        }
        await _app.SeedDaysAsync(_person, 20, q => q.Options.Count - 1);

        await EvaluateAsync();

        var alert = (await AlertsAsync()).ShouldHaveSingleItem();
        var text = (await Telegram.WaitForMessageAsync(_org.Manager.TelegramId, c => c.ButtonData.Contains(AlertButtons.Acknowledge(alert.Id)))).Text!;
        text.ShouldContain("Олена Коваль");
        text.ShouldContain(Catalogue.Instance.Get("alert_area_" + alert.Metric, language));
        foreach (var instrument in new[] { "WHO", "PHQ", "GAD", "CBI", "PSS", "/100", "/27", "/21" })
            text.ShouldNotContain(instrument, Case.Insensitive);
        // The only digits are the date the low stretch began, written as dates are ("5 грудня 2026").
        var date = new System.Text.RegularExpressions.Regex(@"\b\d{1,2} \p{L}+ \d{4}\b");
        date.Matches(text).Count.ShouldBe(1);
        date.Replace(text, "").ShouldNotMatch(@"\d");
        text.ShouldContain(Catalogue.Instance.Get(Msg.AlertNotificationSoon, language).Trim());
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

    [Fact]
    public async Task In_consent_mode_the_person_is_asked_first_and_contacts_hear_only_after_yes()
    {
        (await _app.ClientWithKey(_org.Admin.ApiKey).PatchAsJsonAsync("/api/org/safety", new { alertMode = "consent" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await _app.SeedDaysAsync(_person, 20, q => q.Options.Count - 1);

        await EvaluateAsync();

        var alert = (await AlertsAsync()).Single();
        alert.Status.ShouldBe("awaiting_consent");
        var ask = await Telegram.WaitForMessageAsync(_person.TelegramId);
        ask.ButtonData.ShouldBe([AlertEvaluator.ConsentYes(alert.Id), AlertEvaluator.ConsentNo(alert.Id)]);
        (await _app.ClientWithKey(_org.Manager.ApiKey).GetFromJsonAsync<JsonElement>("/api/alerts")).GetProperty("items").GetArrayLength().ShouldBe(0);
        Telegram.MessagesTo(_org.Manager.TelegramId).ShouldBeEmpty();

        await _app.PostUpdateAsync(TelegramUpdates.Callback(_person.TelegramId, AlertEvaluator.ConsentYes(alert.Id)));

        await Telegram.WaitForMessageAsync(_org.Manager.TelegramId, c => c.ButtonData.Contains(AlertButtons.Acknowledge(alert.Id)));
        (await AlertsAsync()).Single().Status.ShouldBe("open");
    }

    [Fact]
    public async Task Declining_consent_tells_nobody_and_closes_the_alert()
    {
        (await _app.ClientWithKey(_org.Admin.ApiKey).PatchAsJsonAsync("/api/org/safety", new { alertMode = "consent" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await _app.SeedDaysAsync(_person, 20, q => q.Options.Count - 1);
        await EvaluateAsync();
        var alert = (await AlertsAsync()).Single();

        await _app.PostUpdateAsync(TelegramUpdates.Callback(_person.TelegramId, AlertEvaluator.ConsentNo(alert.Id)));

        await Telegram.WaitForMessageAsync(_person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.AlertConsentDeclined, "uk"));
        (await AlertsAsync()).Single().Status.ShouldBe("resolved");
        Telegram.MessagesTo(_org.Manager.TelegramId).ShouldBeEmpty();
        Telegram.MessagesTo(_org.Admin.TelegramId).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_organisations_own_resources_replace_the_defaults_in_every_message_that_mentions_help()
    {
        var own = "Лінія підтримки компанії: 0 800 123 456 (цілодобово)";
        (await _app.ClientWithKey(_org.Admin.ApiKey).PatchAsJsonAsync("/api/org/safety", new { crisisResources = new Dictionary<string, string> { ["uk"] = own } }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _app.ClientWithKey(_org.Manager.ApiKey).PatchAsJsonAsync("/api/org/safety", new { alertMode = "consent" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var member = (await _app.Services.GetRequiredService<Mindguard.Features.Users.Members>().FindByTelegramIdAsync(_person.TelegramId, CancellationToken.None))!;

        await _app.Services.GetRequiredService<CrisisPath>().OpenAsync(member, CancellationToken.None);
        var crisis = (await Telegram.WaitForMessageAsync(_person.TelegramId)).Text!;
        crisis.ShouldContain(own);
        crisis.ShouldNotContain("7333");

        await _app.PostUpdateAsync(TelegramUpdates.Text(_person.TelegramId, "/help"));
        var help = (await Telegram.WaitForMessageAsync(_person.TelegramId, c => c.Text!.Contains("/checkin"))).Text!;
        help.ShouldContain(own);
        help.ShouldNotContain("7333");

        // Someone of another organisation (or none) still gets the defaults.
        var stranger = TestData.NewTelegramId();
        await _app.PostUpdateAsync(TelegramUpdates.Text(stranger, "/help"));
        var theirs = (await Telegram.WaitForMessageAsync(stranger)).Text!;
        theirs.ShouldContain("7333");
        theirs.ShouldNotContain(own);
    }
}
