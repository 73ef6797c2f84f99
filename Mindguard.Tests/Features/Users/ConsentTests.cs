using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mindguard.Features.Checkin.Jobs;
using Mindguard.Features.Users.Consent;
using Mindguard.Features.Users.Resources;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Users;

public sealed class ConsentFixture : AppFixture;

/// <summary>
/// Consent at joining (issue 17): the terms come before anything about the person is stored, a check-in
/// waits for "I agree", and a change of the terms asks again.
/// </summary>
public sealed class ConsentTests(ConsentFixture fixture) : IClassFixture<ConsentFixture>
{
    private MindguardApp App => fixture.App;
    private FakeTelegramServer Telegram => fixture.Telegram;

    private string Terms(string language) =>
        App.Services.GetRequiredService<ConsentScreen>().Terms(language, SupportResources.Defaults(language));

    private async Task<(Org Org, string Code, Guid InviteId)> InviteAsync(int maxUses = 1)
    {
        var org = await Org.SeedAsync(App);
        var response = await App.ClientWithKey(org.Admin.ApiKey).PostAsJsonAsync("/api/invites", new { teamId = org.TeamId, role = "employee", maxUses });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (org, body.GetProperty("code").GetString()!, body.GetProperty("id").GetGuid());
    }

    private async Task<RecordedCall> PostAsync(long person, string update)
    {
        var before = Telegram.MessagesTo(person).Count;
        (await App.PostUpdateAsync(update)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await Telegram.WaitForCallsAsync(c => c.Succeeded && c.ChatId == person && c.Method is "sendMessage" or "editMessageText", before + 1))[before];
    }

    private Task<RecordedCall> SayAsync(long person, string text) => PostAsync(person, TelegramUpdates.Text(person, text));

    private Task<RecordedCall> TapAsync(long person, string data) => PostAsync(person, TelegramUpdates.Callback(person, data));

    /// <summary>Seeded people live in Kyiv, the default time zone.</summary>
    private static DateOnly KyivToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv")).DateTime);

    private async Task<(long People, int Uses)> StoredAsync(long person, Guid inviteId)
    {
        await using var owner = await App.OwnerConnectionAsync();
        return (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE telegram_id = @person", new { person }),
            await owner.ExecuteScalarAsync<int>("SELECT uses FROM invites WHERE id = @inviteId", new { inviteId }));
    }

    private async Task SetStoredConsentAsync(TestUser person, string? version)
    {
        await using var owner = await App.OwnerConnectionAsync();
        await owner.ExecuteAsync("UPDATE users SET consent_version = @version, consented_at = CASE WHEN @version IS NULL THEN NULL ELSE now() END WHERE id = @Id",
            new { person.Id, version });
    }

    private async Task<string?> StoredConsentAsync(TestUser person)
    {
        await using var owner = await App.OwnerConnectionAsync();
        return await owner.ExecuteScalarAsync<string?>("SELECT consent_version FROM users WHERE id = @Id", person);
    }

    [Fact]
    public async Task An_invite_code_shows_the_terms_first_and_nothing_is_stored_before_an_answer()
    {
        var (_, code, inviteId) = await InviteAsync();
        var person = TestData.NewTelegramId();

        var screen = await SayAsync(person, $"/start {code.Replace("-", "")}");

        screen.Text!.ShouldStartWith(Catalogue.Instance.Get(Msg.ConsentIntroJoin, "uk", "", "").Split('«')[0]);
        screen.Text.ShouldContain(Terms("uk"));
        screen.Text.ShouldContain("від 5 осіб");
        screen.Text.ShouldContain(Catalogue.Instance.Get(Msg.ConsentVoiceNone, "uk"));
        screen.ButtonData.ShouldBe([ConsentScreen.AgreeData, ConsentScreen.DeclineData]);
        screen.ButtonTexts.ShouldBe(["Погоджуюся", "Ні, дякую"]);
        (await StoredAsync(person, inviteId)).ShouldBe((0, 0));
    }

    [Fact]
    public async Task Declining_stores_nothing_and_leaves_the_invite_unused_for_a_later_yes()
    {
        var (_, code, inviteId) = await InviteAsync(maxUses: 1);
        var person = TestData.NewTelegramId();
        await SayAsync(person, $"/join {code}");

        (await TapAsync(person, ConsentScreen.DeclineData)).Text.ShouldBe(Catalogue.Instance.Get(Msg.ConsentDeclinedNewcomer, "uk"));
        (await StoredAsync(person, inviteId)).ShouldBe((0, 0));
        // The pending join is gone with the "no": a late "yes" on the same screen joins nobody.
        (await TapAsync(person, ConsentScreen.AgreeData)).Text.ShouldBe(Catalogue.Instance.Get(Msg.ConsentExpired, "uk"));
        (await StoredAsync(person, inviteId)).ShouldBe((0, 0));

        (await SayAsync(person, $"/join {code}")).ButtonData.ShouldContain(ConsentScreen.AgreeData);
        (await TapAsync(person, ConsentScreen.AgreeData)).Text.ShouldStartWith("Готово!");
        (await StoredAsync(person, inviteId)).ShouldBe((1, 1));
    }

    [Fact]
    public async Task Agreeing_joins_the_team_records_the_consent_and_the_first_checkin_starts()
    {
        var (org, code, inviteId) = await InviteAsync();
        var person = TestData.NewTelegramId();
        await SayAsync(person, $"/start {code}");

        (await TapAsync(person, ConsentScreen.AgreeData)).Text.ShouldStartWith("Готово! Ви приєдналися до команди");

        await using var owner = await App.OwnerConnectionAsync();
        var row = await owner.QuerySingleAsync<(Guid? TeamId, string ConsentVersion, DateTimeOffset ConsentedAt)>(
            "SELECT team_id, consent_version, consented_at FROM users WHERE telegram_id = @person", new { person });
        row.TeamId.ShouldBe(org.TeamId);
        row.ConsentVersion.ShouldBe(ConsentText.Version);
        row.ConsentedAt.ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
        (await StoredAsync(person, inviteId)).Uses.ShouldBe(1);

        await App.PostUpdateAsync(TelegramUpdates.Text(person, "/checkin"));
        (await new CheckinDriver(Telegram, person).QuestionAsync(0)).Text.ShouldStartWith("Запитання 1 з");
    }

    [Fact]
    public async Task A_member_who_has_not_agreed_is_asked_instead_of_checked_in_and_checks_in_after_agreeing()
    {
        var org = await Org.SeedAsync(App);
        var person = await org.EmployeeAsync(App);
        // Joined before consent was asked: no consent stored.
        await SetStoredConsentAsync(person, null);

        foreach (var update in new[] { TelegramUpdates.Text(person.TelegramId, "/checkin"), TelegramUpdates.Callback(person.TelegramId, "ci:v1:go") })
        {
            var asked = await PostAsync(person.TelegramId, update);
            asked.Text!.ShouldStartWith(Catalogue.Instance.Get(Msg.ConsentIntroMember, "uk"));
            asked.ButtonData.ShouldBe([ConsentScreen.AgreeData, ConsentScreen.DeclineData]);
        }
        Telegram.MessagesTo(person.TelegramId).ShouldNotContain(c => c.ButtonData.Any(d => d.StartsWith("ci:v1:") && d != "ci:v1:go"));

        (await TapAsync(person.TelegramId, ConsentScreen.DeclineData)).Text.ShouldBe(Catalogue.Instance.Get(Msg.ConsentDeclinedMember, "uk"));
        (await StoredConsentAsync(person)).ShouldBeNull();
        (await SayAsync(person.TelegramId, "/checkin")).ButtonData.ShouldContain(ConsentScreen.AgreeData);

        (await TapAsync(person.TelegramId, ConsentScreen.AgreeData)).Text.ShouldBe(Catalogue.Instance.Get(Msg.ConsentAgreed, "uk"));
        (await StoredConsentAsync(person)).ShouldBe(ConsentText.Version);
        await App.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/checkin"));
        (await new CheckinDriver(Telegram, person.TelegramId).QuestionAsync(0)).Text.ShouldStartWith("Запитання 1 з");
    }

    [Fact]
    public async Task When_the_terms_change_people_are_asked_again_and_a_tap_on_the_old_screen_agrees_to_nothing()
    {
        var org = await Org.SeedAsync(App);
        var person = await org.EmployeeAsync(App);
        // Agreed to a text that reads differently from today's.
        await SetStoredConsentAsync(person, "0123456789abcdef");

        (await SayAsync(person.TelegramId, "/checkin")).Text!.ShouldStartWith(Catalogue.Instance.Get(Msg.ConsentIntroMember, "uk"));
        var stale = await TapAsync(person.TelegramId, "consent:v1:yes:0123456789abcdef");
        stale.Text!.ShouldStartWith(Catalogue.Instance.Get(Msg.ConsentStale, "uk"));
        stale.ButtonData.ShouldContain(ConsentScreen.AgreeData);
        (await StoredConsentAsync(person)).ShouldBe("0123456789abcdef");

        await TapAsync(person.TelegramId, ConsentScreen.AgreeData);
        (await StoredConsentAsync(person)).ShouldBe(ConsentText.Version);
    }

    [Fact]
    public async Task A_checkin_the_new_terms_interrupt_goes_on_at_the_same_question_once_the_person_agrees()
    {
        var org = await Org.SeedAsync(App);
        var person = await org.EmployeeAsync(App);
        var driver = new CheckinDriver(Telegram, person.TelegramId);
        await App.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/checkin"));
        await driver.AnswerAsync(App, 0);
        var second = await driver.QuestionAsync(1);

        // The terms change between two answers (a deploy with new wording): the next tap meets the terms.
        await SetStoredConsentAsync(person, "0123456789abcdef");
        var interrupted = await TapAsync(person.TelegramId, CheckinDriver.Options(second)[^1]);
        interrupted.Text!.ShouldStartWith(Catalogue.Instance.Get(Msg.ConsentIntroMember, "uk"));
        (await AnswersAsync(person)).ShouldBe(1);

        var before = Telegram.MessagesTo(person.TelegramId).Count;
        (await App.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, ConsentScreen.AgreeData))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var sent = await Telegram.WaitForCallsAsync(c => c.Succeeded && c.ChatId == person.TelegramId && c.Method is "sendMessage" or "editMessageText", before + 2);

        sent[before].Text.ShouldBe(Catalogue.Instance.Get(Msg.ConsentAgreedResume, "uk"));
        var again = sent[before + 1];
        again.Text.ShouldBe(second.Text);
        again.ButtonData.ShouldBe(second.ButtonData);
        (await App.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, CheckinDriver.Options(again)[^1]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await driver.QuestionAsync(2);
        (await AnswersAsync(person)).ShouldBe(2);
    }

    private async Task<long> AnswersAsync(TestUser person)
    {
        await using var owner = await App.OwnerConnectionAsync();
        return await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM checkin_answers WHERE user_id = @Id", person);
    }

    [Fact]
    public async Task An_admin_cannot_agree_for_someone_or_change_which_ai_server_they_agreed_to()
    {
        var org = await Org.SeedAsync(App);
        var person = await org.EmployeeAsync(App);
        var db = App.Services.GetRequiredService<NpgsqlDataSource>();

        foreach (var change in new[] { "consent_version = 'x'", "consented_at = now()", "consent_clauses = '{\"voice\":\"ai:elsewhere.example\"}'" })
        {
            await using var session = await db.OpenSessionAsync(Actor.For(org.Admin.Id, org.Id, Actor.Admin), CancellationToken.None);
            var refused = await Should.ThrowAsync<PostgresException>(() =>
                session.Connection.ExecuteAsync(session.Command($"UPDATE users SET {change} WHERE id = @Id", person, CancellationToken.None)));
            refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<string>("SELECT consent_clauses->>'voice' FROM users WHERE id = @Id", person)).ShouldBe("ai:127.0.0.1");
    }

    [Fact]
    public async Task The_daily_job_asks_someone_who_has_not_agreed_once_instead_of_prompting_a_checkin()
    {
        var org = await Org.SeedAsync(App);
        var waiting = await org.EmployeeAsync(App);
        var agreed = await org.EmployeeAsync(App);
        await SetStoredConsentAsync(waiting, null);
        await using var owner = await App.OwnerConnectionAsync();
        await owner.ExecuteAsync("UPDATE users SET time_zone = 'Etc/UTC', checkin_time = '10:00' WHERE id = ANY(@ids)", new { ids = new[] { waiting.Id, agreed.Id } });

        var day = new DateTimeOffset(2026, 11, 25, 10, 5, 0, TimeSpan.Zero);
        foreach (var at in new[] { day, day.AddMinutes(1), day.AddDays(1) })
            await ActivatorUtilities.CreateInstance<DispatchDueCheckinsJob>(App.Services, (TimeProvider)new FakeTimeProvider(at)).RunAsync(CancellationToken.None);

        var sent = (await owner.QueryAsync<(Guid UserId, string Text)>(
            "SELECT user_id, payload->>'text' FROM outbox WHERE user_id = ANY(@ids) ORDER BY id", new { ids = new[] { waiting.Id, agreed.Id } })).ToList();
        sent.Where(m => m.UserId == agreed.Id).Select(m => m.Text).ShouldBe([Catalogue.Instance.Get(Msg.CheckinPrompt, "uk"), Catalogue.Instance.Get(Msg.CheckinPrompt, "uk")]);
        sent.Where(m => m.UserId == waiting.Id).ShouldHaveSingleItem().Text.ShouldStartWith(Catalogue.Instance.Get(Msg.ConsentIntroMember, "uk"));
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM checkin_days WHERE user_id = @Id", waiting)).ShouldBe(0);
    }

    [Fact]
    public async Task Answers_over_the_api_wait_for_consent_too()
    {
        var org = await Org.SeedAsync(App);
        var person = await org.EmployeeAsync(App);
        await SetStoredConsentAsync(person, null);
        var today = KyivToday();

        var response = await App.ClientWithKey(person.ApiKey).PostAsJsonAsync($"/api/me/checkins/{today:yyyy-MM-dd}/answers",
            new[] { new { questionId = "mood.today", value = 4 } });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM checkin_answers WHERE user_id = @Id", person)).ShouldBe(0);
    }

    [Fact]
    public async Task Privacy_shows_the_terms_again_with_the_date_of_agreement()
    {
        var org = await Org.SeedAsync(App);
        var person = await org.EmployeeAsync(App);

        var shown = await SayAsync(person.TelegramId, "/privacy");

        shown.Text!.ShouldStartWith(Terms("uk"));
        shown.Text.ShouldEndWith(Catalogue.Instance.Get(Msg.PrivacyAgreed, "uk", KyivToday().ToString("yyyy-MM-dd")), Case.Sensitive);
        shown.ButtonData.ShouldBeEmpty();
        (await SayAsync(TestData.NewTelegramId(), "/privacy")).Text.ShouldBe(Terms("uk"));
        Catalogue.Instance.Get(Msg.Help, "uk").ShouldContain("/privacy");
        Catalogue.Instance.Get(Msg.Help, "en").ShouldContain("/privacy");
    }

    [Theory]
    [InlineData("uk")]
    [InlineData("en")]
    public void The_consent_screen_fits_in_one_telegram_message(string language)
    {
        var screen = App.Services.GetRequiredService<ConsentScreen>();
        var intro = Catalogue.Instance.Get(Msg.ConsentIntroJoin, language, new string('x', 100), new string('y', 100));

        screen.Question(intro, language, SupportResources.Defaults(language)).Text.Length.ShouldBeLessThanOrEqualTo(4096);
    }
}
