using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Features.Alerts;
using Mindguard.Features.Checkin.Bank;
using Mindguard.Features.Status.Periods;
using Mindguard.Features.Users.Resources;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.OpenAi;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Features.Voice;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Users;

/// <summary>
/// A person with a history, built from the outside once for the export tests: six weeks of check-ins (the last
/// fortnight at the bottom of the wellbeing scale), today's check-in through the bot with a note, the early
/// signal it brings, a voice note the analysis flags (which opens the crisis path and its follow-up), a talk-now
/// request from there that their manager acknowledges, closed aggregate periods. A colleague in the same team
/// has check-ins and a note of their own. Then the person exports through the API and the bot, and their
/// manager through the API.
/// </summary>
public sealed class ExportScenario : IAsyncLifetime
{
    public const string Note = "Важкий тиждень, але тримаюся";
    public const string ColleagueNote = "Чужа нотатка колеги";
    public const string Transcript = "Мені зараз дуже важко, не знаю, що робити";

    public FakeTelegramServer Telegram { get; private set; } = null!;
    public FakeOpenAiServer OpenAi { get; private set; } = null!;
    public MindguardApp App { get; private set; } = null!;
    public Org Org { get; private set; } = null!;
    public TestUser Person { get; private set; } = null!;
    public TestUser Colleague { get; private set; } = null!;
    public Guid AcknowledgedAlert { get; private set; }
    public DateOnly Today { get; } =
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv")).DateTime);

    public string FromApi { get; private set; } = null!;
    public string FromBot { get; private set; } = null!;
    public string ManagersExport { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Telegram = await FakeTelegramServer.StartAsync();
        OpenAi = await FakeOpenAiServer.StartAsync();
        App = await MindguardApp.StartAsync(Telegram, s => VoiceAppFixture.UseOpenAi(s, OpenAi));
        Org = await Org.SeedAsync(App);
        Person = await Org.EmployeeAsync(App);
        Colleague = await Org.EmployeeAsync(App);
        await App.GiveDataKeyAsync(Person);
        await App.GiveDataKeyAsync(Colleague);

        // Four good weeks, then a fortnight whose wellbeing answers are at the bottom of the scale.
        await App.SeedDaysAsync(Person, 28, q => q.Metric == "who5" ? 0 : 1, lastDay: Today.AddDays(-14));
        await App.SeedDaysAsync(Person, 13, q => q.Metric == "who5" ? q.Options.Count - 1 : 1, lastDay: Today.AddDays(-1));
        await App.SeedDaysAsync(Colleague, 10, lastDay: Today.AddDays(-1));

        await CheckInWithNoteAsync(Person, Note, worstWellbeing: true);
        await Telegram.WaitForMessageAsync(Person.TelegramId, c => c.Text == SupportResources.Text(SupportResources.Defaults("uk"), Msg.EarlySignal, "uk"));
        await CheckInWithNoteAsync(Colleague, ColleagueNote, worstWellbeing: false);
        await SafetyDrill.DrainedAsync(App, Person, Colleague);

        // A voice note the analysis flags opens the crisis path; from its resources the person asks to talk now,
        // which raises an alert their manager acknowledges.
        OpenAi.Transcript = Transcript;
        OpenAi.Analysis = FakeOpenAiServer.AnalysisJson(mood: 1, stress: 9, selfHarmRisk: true);
        await App.SendVoiceAsync(Telegram, Person, VoiceDriver.Recording());
        await Telegram.WaitForMessageAsync(Person.TelegramId, SafetyDrill.IsResources);
        await App.PostUpdateAsync(TelegramUpdates.Callback(Person.TelegramId, CrisisPath.TalkData));
        AcknowledgedAlert = await Eventually.HoldsAsync(async () =>
        {
            await using var owner = await App.OwnerConnectionAsync();
            return await owner.ExecuteScalarAsync<Guid>("SELECT id FROM alerts WHERE user_id = @Id AND rule = 'talk_now'", Person);
        }, id => id != Guid.Empty, "the talk-now alert", TimeSpan.FromSeconds(30));
        var acknowledged = await App.ClientWithKey(Org.Manager.ApiKey).PostAsync($"/api/alerts/{AcknowledgedAlert}/acknowledge", null);
        acknowledged.StatusCode.ShouldBe(HttpStatusCode.OK, await acknowledged.Content.ReadAsStringAsync());
        await Eventually.HoldsAsync(async () =>
        {
            await using var owner = await App.OwnerConnectionAsync();
            return await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM crisis_followups WHERE user_id = @Id", Person);
        }, n => n == 1, "the crisis follow-up", TimeSpan.FromSeconds(30));
        await SafetyDrill.DrainedAsync(App, Person, Colleague);

        await App.Services.GetRequiredService<ClosePeriodsJob>().RunAsync(CancellationToken.None);

        FromApi = await App.ClientWithKey(Person.ApiKey).GetStringAsync("/api/me/export");
        await App.PostUpdateAsync(TelegramUpdates.Text(Person.TelegramId, "/export"));
        var document = await Telegram.WaitForCallAsync(c => c.Succeeded && c.Method == "sendDocument" && c.ChatId == Person.TelegramId);
        FromBot = System.Text.Encoding.UTF8.GetString(document.Files.Values.Single());
        ManagersExport = await App.ClientWithKey(Org.Manager.ApiKey).GetStringAsync("/api/me/export");
    }

    private async Task CheckInWithNoteAsync(TestUser who, string note, bool worstWellbeing)
    {
        var driver = new CheckinDriver(Telegram, who.TelegramId);
        await App.PostUpdateAsync(TelegramUpdates.Text(who.TelegramId, "/checkin"));
        for (var i = 0; i < 5; i++)
        {
            var question = await driver.QuestionAsync(i);
            var who5 = QuestionBank.Instance.All.Any(q => q.Metric == "who5" && question.Text!.Contains(q.Text["uk"]));
            var tap = TelegramUpdates.Callback(who.TelegramId, CheckinDriver.Options(question)[who5 && worstWellbeing ? ^1 : 1]);
            (await App.PostUpdateAsync(tap)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        await driver.ThanksAsync();
        await App.PostUpdateAsync(TelegramUpdates.Text(who.TelegramId, note));
        await Telegram.WaitForMessageAsync(who.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.CheckinNoteSaved, "uk"));
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await OpenAi.DisposeAsync();
        await Telegram.DisposeAsync();
        await TestEnvironment.DropDatabaseAsync(App.DatabaseUrl);
    }

    public static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
