using Mindguard.Features.Users.Resources;
using Mindguard.Features.Alerts;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.OpenAi;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Features.Voice;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Alerts;

/// <summary>
/// When the analysis server fails, refuses or answers nonsense, a note or a voice note that speaks of not
/// wanting to live still opens the crisis path for the person, through the built-in phrase list.
/// </summary>
public sealed class ScreeningFailsSafeTests : AppsTestBase
{
    public static TheoryData<string> AnalysisFailures => ["500", "refusal", "malformed"];

    private static AiFault Make(string failure) => failure switch
    {
        "500" => AiFault.ServerError(500),
        "refusal" => AiFault.Refusal(),
        _ => AiFault.MalformedContent("{\"mood\": \"low\", \"self_harm_risk\": \"maybe\""),
    };

    private static bool IsResources(RecordedCall c) => c.Succeeded && c.ButtonData.Contains(CrisisPath.TalkData);

    [Theory]
    [MemberData(nameof(AnalysisFailures))]
    public async Task A_note_with_a_crisis_phrase_opens_the_crisis_path_when_the_analysis_fails(string failure)
    {
        await using var openAi = await FakeOpenAiServer.StartAsync();
        openAi.Analysis = FakeOpenAiServer.AnalysisJson(selfHarmRisk: false);
        openAi.Inject(Make(failure), AiEndpoint.ChatCompletions, times: 10);
        var app = await StartAppAsync(s => VoiceAppFixture.UseOpenAi(s, openAi));
        var org = await Org.SeedAsync(app);
        var person = await org.EmployeeAsync(app);
        await app.GiveDataKeyAsync(person);
        await new CheckinDriver(Telegram, person.TelegramId).CompleteAsync(app);

        await app.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "Чесно кажучи, я вже не хочу жити."));

        var resources = await Telegram.WaitForMessageAsync(person.TelegramId, IsResources);
        resources.Text.ShouldBe(SupportResources.Text(SupportResources.Defaults("uk"), Msg.CrisisResources, "uk"));
        openAi.RequestsTo(AiEndpoint.ChatCompletions).ShouldNotBeEmpty();
        Telegram.MessagesTo(org.Manager.TelegramId).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(AnalysisFailures))]
    public async Task A_voice_note_with_a_crisis_phrase_opens_the_crisis_path_when_the_analysis_fails(string failure)
    {
        await using var openAi = await FakeOpenAiServer.StartAsync();
        openAi.Transcript = "I am so tired. Sometimes I think I want to die.";
        openAi.Inject(Make(failure), AiEndpoint.ChatCompletions, times: 10);
        var app = await StartAppAsync(s => VoiceAppFixture.UseOpenAi(s, openAi));
        var person = await app.PersonAsync(language: "en");

        await app.SendVoiceAsync(Telegram, person, VoiceDriver.Recording());

        var resources = await Telegram.WaitForMessageAsync(person.TelegramId, IsResources);
        resources.Text.ShouldBe(SupportResources.Text(SupportResources.Defaults("en"), Msg.CrisisResources, "en"));
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.VoiceUnavailable, "en"));
    }

    [Fact]
    public async Task A_note_without_a_crisis_phrase_opens_nothing_when_the_analysis_fails()
    {
        await using var openAi = await FakeOpenAiServer.StartAsync();
        openAi.Inject(AiFault.ServerError(500), AiEndpoint.ChatCompletions, times: 10);
        var app = await StartAppAsync(s => VoiceAppFixture.UseOpenAi(s, openAi));
        var org = await Org.SeedAsync(app);
        var person = await org.EmployeeAsync(app);
        await app.GiveDataKeyAsync(person);
        await new CheckinDriver(Telegram, person.TelegramId).CompleteAsync(app);

        await app.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "Довгий тиждень, але вихідні будуть добрі."));

        await Eventually.HoldsAsync(async () =>
        {
            await using var owner = await app.OwnerConnectionAsync();
            return await owner.ExecuteScalarAsync<string?>("SELECT status FROM consequences WHERE user_id = @Id AND kind = 'screen_note'", person);
        }, s => s == "done", "the note to be screened");
        await using var check = await app.OwnerConnectionAsync();
        (await check.ExecuteScalarAsync<long>("SELECT count(*) FROM consequences WHERE user_id = @Id AND kind = 'crisis'", person)).ShouldBe(0);
        Telegram.MessagesTo(person.TelegramId).ShouldNotContain(c => IsResources(c));
    }
}
