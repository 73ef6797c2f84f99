using Mindguard.Features.Users.Consent;
using Mindguard.Features.Users.Resources;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Security;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Users;

public sealed class OnboardingFixture : AppFixture
{
    public static readonly long ListedAdmin = TestData.NewTelegramId();

    protected override void Configure(Dictionary<string, string?> settings) =>
        settings["MINDGUARD_ADMIN_TELEGRAM_IDS"] = ListedAdmin.ToString();
}

public sealed class OnboardingTests(OnboardingFixture fixture) : IClassFixture<OnboardingFixture>
{
    private MindguardApp App => fixture.App;
    private FakeTelegramServer Telegram => fixture.Telegram;

    private async Task<string> InviteAsync(Org org, int maxUses = 1, string role = "employee")
    {
        var response = await App.ClientWithKey(org.Admin.ApiKey).PostAsJsonAsync("/api/invites", new { teamId = org.TeamId, role, maxUses });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("link").GetString().ShouldEndWith("?start=" + body.GetProperty("code").GetString()!.Replace("-", ""));
        return body.GetProperty("code").GetString()!;
    }

    private Task<RecordedCall> SayAsync(long person, string text, string language = "uk") =>
        PostAsync(person, TelegramUpdates.Text(person, text, language));

    private async Task<RecordedCall> PostAsync(long person, string update)
    {
        var before = Telegram.MessagesTo(person).Count;
        (await App.PostUpdateAsync(update)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await Telegram.WaitForCallsAsync(c => c.Succeeded && c.ChatId == person && c.Method is "sendMessage" or "editMessageText" or "sendDocument", before + 1))[before];
    }

    private async Task<RecordedCall> TapAsync(long person, string data, int messageId = 1)
    {
        var before = Telegram.Calls.Count(c => c.ChatId == person && c.Method == "editMessageText");
        (await App.PostUpdateAsync(TelegramUpdates.Callback(person, data, messageId))).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await Telegram.WaitForCallsAsync(c => c.ChatId == person && c.Method == "editMessageText", before + 1))[before];
    }

    private Task<RecordedCall> AgreeAsync(long person, string language = "uk") =>
        PostAsync(person, TelegramUpdates.Callback(person, ConsentScreen.AgreeData, languageCode: language));

    [Fact]
    public async Task A_person_joins_with_an_invite_chooses_settings_pauses_and_forgets_everything()
    {
        var org = await Org.SeedAsync(App);
        var code = await InviteAsync(org);
        var person = TestData.NewTelegramId();

        var welcome = await SayAsync(person, "/start");
        welcome.Text.ShouldBe(SupportResources.Text(SupportResources.Defaults("uk"), Msg.Welcome, "uk"));
        welcome.ButtonData.ShouldBe(["lang:v1:uk", "lang:v1:en"]);
        (await TapAsync(person, "lang:v1:en")).Text.ShouldBe(SupportResources.Text(SupportResources.Defaults("en"), Msg.Welcome, "en"));

        (await SayAsync(person, $"/start {code}")).ButtonData.ShouldBe([ConsentScreen.AgreeData, ConsentScreen.DeclineData]);
        var joined = await AgreeAsync(person);
        joined.Text.ShouldStartWith("Done! You joined the team");

        await using var owner = await App.OwnerConnectionAsync();
        var row = await owner.QuerySingleAsync<(Guid Id, Guid? TeamId, string Language, string Role, byte[] DisplayName, byte[] DataKey)>(
            "SELECT id, team_id, language, role, display_name, data_key FROM users WHERE telegram_id = @person", new { person });
        row.TeamId.ShouldBe(org.TeamId);
        row.Language.ShouldBe("en");
        row.Role.ShouldBe("employee");
        System.Text.Encoding.UTF8.GetString(row.DisplayName).ShouldNotContain("Person");
        var cipher = App.Services.GetRequiredService<Mindguard.Features.Users.PersonCipher>();
        cipher.Decrypt(row.Id, row.DataKey, row.DisplayName, Mindguard.Features.Users.PersonCipher.DisplayNameContext(row.Id)).ShouldBe("Person");

        (await SayAsync(person, "/settings")).ButtonData.ShouldContain("set:v1:tz");
        (await TapAsync(person, "set:v1:tz")).ButtonData.ShouldContain("set:v1:tz:Europe/Warsaw");
        (await TapAsync(person, "set:v1:tz:Europe/Warsaw")).Text!.ShouldContain("Europe/Warsaw");
        (await TapAsync(person, "set:v1:cad:weekly")).Text!.ShouldContain("weekly");
        (await SayAsync(person, "/time 08:30")).Text!.ShouldContain("08:30");
        var until = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("yyyy-MM-dd");
        // Dates are written one way per language: "5 December 2026".
        var day = DateOnly.Parse(until);
        (await SayAsync(person, $"/pause {until}")).Text!.ShouldContain($"{day.Day} {System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(day.Month)} {day.Year}");

        var settings = await owner.QuerySingleAsync<(string TimeZone, TimeOnly CheckinTime, string Cadence, DateOnly? PausedUntil)>(
            "SELECT time_zone, checkin_time, cadence, paused_until FROM users WHERE id = @Id", new { row.Id });
        settings.ShouldBe(("Europe/Warsaw", new TimeOnly(8, 30), "weekly", DateOnly.Parse(until)));

        (await SayAsync(person, "/resume")).Text.ShouldBe(Catalogue.Instance.Get(Msg.Resumed, "en"));
        (await owner.ExecuteScalarAsync<DateOnly?>("SELECT paused_until FROM users WHERE id = @Id", new { row.Id })).ShouldBeNull();

        var confirm = await SayAsync(person, "/forget");
        confirm.ButtonData.ShouldBe(["forget:v1:yes", "forget:v1:no"]);
        (await TapAsync(person, "forget:v1:yes")).Text.ShouldBe(Catalogue.Instance.Get(Msg.Forgotten, "en"));

        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE id = @Id", new { row.Id })).ShouldBe(0);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM access_log WHERE subject_id = @Id", new { row.Id })).ShouldBe(0);
        // A backup taken before still holds the encrypted name, but the only key that opened it is gone
        // from the database, and the master keys alone cannot read it.
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE data_key = @DataKey", new { row.DataKey })).ShouldBe(0);
        var ring = App.Services.GetRequiredService<MasterKeyRing>();
        Should.Throw<System.Security.Cryptography.CryptographicException>(() =>
            ring.Decrypt(row.DisplayName, System.Text.Encoding.UTF8.GetBytes(Mindguard.Features.Users.PersonCipher.DisplayNameContext(row.Id))));
    }

    [Fact]
    public async Task A_single_use_invite_admits_one_person_and_then_stops_working()
    {
        var org = await Org.SeedAsync(App);
        var code = await InviteAsync(org);
        var first = TestData.NewTelegramId();
        var second = TestData.NewTelegramId();

        (await SayAsync(first, $"/join {code.ToLowerInvariant()}")).ButtonData.ShouldContain(ConsentScreen.AgreeData);
        (await AgreeAsync(first)).Text.ShouldStartWith("Готово!");
        (await SayAsync(second, $"/join {code}")).Text.ShouldBe(Catalogue.Instance.Get(Msg.InvalidCode, "uk"));
        (await SayAsync(first, $"/join {code}")).Text.ShouldBe(Catalogue.Instance.Get(Msg.AlreadyMember, "uk"));
    }

    [Fact]
    public async Task A_revoked_or_expired_invite_is_refused()
    {
        var org = await Org.SeedAsync(App);
        var revoked = await InviteAsync(org);
        var expired = await InviteAsync(org);
        var invites = await App.ClientWithKey(org.Admin.ApiKey).GetFromJsonAsync<JsonElement>("/api/invites");
        var ids = invites.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        (await App.ClientWithKey(org.Admin.ApiKey).DeleteAsync($"/api/invites/{ids[0]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await using var owner = await App.OwnerConnectionAsync();
        await owner.ExecuteAsync("UPDATE invites SET expires_at = now() - interval '1 minute' WHERE id = @id", new { id = ids[1] });

        (await SayAsync(TestData.NewTelegramId(), $"/join {revoked}")).Text.ShouldBe(Catalogue.Instance.Get(Msg.InvalidCode, "uk"));
        (await SayAsync(TestData.NewTelegramId(), $"/join {expired}")).Text.ShouldBe(Catalogue.Instance.Get(Msg.InvalidCode, "uk"));
    }

    [Fact]
    public async Task A_listed_telegram_id_becomes_an_admin_on_start()
    {
        (await SayAsync(OnboardingFixture.ListedAdmin, "/start", "en")).ButtonData.ShouldContain(ConsentScreen.AgreeData);
        var reply = await AgreeAsync(OnboardingFixture.ListedAdmin, "en");

        reply.Text.ShouldStartWith("You were added as an admin");
        var key = (await SayAsync(OnboardingFixture.ListedAdmin, "/apikey", "en")).Text!.Split('\n').First(l => l.StartsWith("mg_live_"));
        (await App.ClientWithKey(key).GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("role").GetString().ShouldBe("admin");
    }

    [Fact]
    public async Task Employees_get_a_key_of_their_own_in_the_bot_and_it_reads_only_their_data()
    {
        var org = await Org.SeedAsync(App);
        var employee = await org.EmployeeAsync(App);

        var key = (await SayAsync(employee.TelegramId, "/apikey")).Text!.Split('\n').First(l => l.StartsWith("mg_live_"));

        var me = await App.ClientWithKey(key).GetFromJsonAsync<JsonElement>("/api/me");
        me.GetProperty("id").GetGuid().ShouldBe(employee.Id);
        (await App.ClientWithKey(key).GetAsync("/api/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Someone_who_blocked_the_bot_is_welcomed_back_and_reactivated_on_start()
    {
        var org = await Org.SeedAsync(App);
        var employee = await org.EmployeeAsync(App);
        await using var owner = await App.OwnerConnectionAsync();
        await owner.ExecuteAsync("UPDATE users SET active = false WHERE id = @Id", employee);

        (await SayAsync(employee.TelegramId, "/start")).Text.ShouldBe(Catalogue.Instance.Get(Msg.Reactivated, "uk"));
        (await owner.ExecuteScalarAsync<bool>("SELECT active FROM users WHERE id = @Id", employee)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("/settings")]
    [InlineData("/pause 2030-01-01")]
    [InlineData("/export")]
    [InlineData("/apikey")]
    public async Task Strangers_are_asked_to_join_first(string command)
    {
        (await SayAsync(TestData.NewTelegramId(), command)).Text.ShouldBe(Catalogue.Instance.Get(Msg.NotAMember, "uk"));
    }

    [Fact]
    public async Task Export_sends_a_json_file_with_the_persons_data()
    {
        var org = await Org.SeedAsync(App);
        var employee = await org.EmployeeAsync(App);

        var sent = await SayAsync(employee.TelegramId, "/export");

        sent.Method.ShouldBe("sendDocument");
        using var document = JsonDocument.Parse(sent.Files.Values.Single());
        document.RootElement.GetProperty("profile").GetProperty("id").GetGuid().ShouldBe(employee.Id);
        document.RootElement.GetProperty("apiKeys").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Bad_pause_dates_get_the_usage_not_a_change()
    {
        var org = await Org.SeedAsync(App);
        var employee = await org.EmployeeAsync(App);

        foreach (var text in new[] { "/pause", "/pause tomorrow", "/pause 2001-01-01", $"/pause {DateTime.UtcNow.AddYears(2):yyyy-MM-dd}" })
        {
            (await SayAsync(employee.TelegramId, text)).Text.ShouldBe(Catalogue.Instance.Get(Msg.PauseUsage, "uk"));
        }
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<DateOnly?>("SELECT paused_until FROM users WHERE id = @Id", employee)).ShouldBeNull();
    }
}
