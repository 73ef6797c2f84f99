using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.OpenAi;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Voice;

[Collection(VoiceCollection.Name)]
public sealed class VoiceFailureTests(VoiceAppFixture fixture) : VoiceTestBase(fixture)
{

    private static string Unavailable(string language = "uk") => Catalogue.Instance.Get(Msg.VoiceUnavailable, language);

    [Fact]
    public async Task A_server_that_keeps_failing_gets_the_polite_message_after_the_retries_and_nothing_is_stored()
    {
        var person = await App.PersonAsync(language: "en");
        var audio = VoiceDriver.Recording();
        OpenAi.Inject(AiFault.ServerError(500), AiEndpoint.Transcriptions, times: 10);

        await App.SendVoiceAsync(Telegram, person, audio);

        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Unavailable("en"));
        var attempts = OpenAi.RequestsTo(AiEndpoint.Transcriptions);
        attempts.Count.ShouldBe(1 + VoiceAppFixture.Retries);
        attempts.ShouldAllBe(a => a.StatusCode == 500 && a.Audio!.SequenceEqual(audio));
        OpenAi.RequestsTo(AiEndpoint.ChatCompletions).ShouldBeEmpty();
        (await App.VoiceRowsAsync(person)).ShouldBe(0);
    }

    [Fact]
    public async Task A_passing_server_error_is_retried_with_the_same_audio_and_the_note_goes_through()
    {
        var person = await App.PersonAsync();
        var audio = VoiceDriver.Recording();
        OpenAi.Inject(AiFault.ServerError(502), AiEndpoint.Transcriptions);
        OpenAi.Inject(AiFault.ServerError(503), AiEndpoint.ChatCompletions);

        await App.SendVoiceAsync(Telegram, person, audio);

        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text!.Contains(FakeOpenAiServer.DefaultTranscript));
        OpenAi.RequestsTo(AiEndpoint.Transcriptions).Select(r => (r.StatusCode, r.Audio!.SequenceEqual(audio))).ShouldBe([(502, true), (200, true)]);
        OpenAi.RequestsTo(AiEndpoint.ChatCompletions).Select(r => r.StatusCode).ShouldBe([503, 200]);
        Telegram.MessagesTo(person.TelegramId).ShouldNotContain(c => c.Text == Unavailable("uk"));
        (await App.VoiceRowsAsync(person)).ShouldBe(1);
    }

    [Theory]
    [InlineData("I am not JSON at all")]
    [InlineData("""{"mood": 9, "stress": 4, "topics": [], "self_harm_risk": false, "reply": "ok"}""")]
    [InlineData("""{"mood": 3, "stress": 4, "topics": ["work"], "self_harm_risk": false}""")]
    [InlineData("""{"mood": 3, "stress": 4, "topics": ["work"], "self_harm_risk": "no", "reply": "ok"}""")]
    [InlineData("""{"mood": 3.5, "stress": 4, "topics": [], "self_harm_risk": false, "reply": "ok"}""")]
    [InlineData("""["mood", 3]""")]
    public async Task A_malformed_analysis_gets_the_polite_message_and_nothing_is_stored(string content)
    {
        var person = await App.PersonAsync();
        OpenAi.Inject(AiFault.MalformedContent(content), AiEndpoint.ChatCompletions);

        await App.SendVoiceAsync(Telegram, person, VoiceDriver.Recording());

        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Unavailable());
        OpenAi.RequestsTo(AiEndpoint.ChatCompletions).ShouldHaveSingleItem().StatusCode.ShouldBe(200);
        Telegram.MessagesTo(person.TelegramId).ShouldNotContain(c => c.Text!.Contains(FakeOpenAiServer.DefaultTranscript));
        (await App.VoiceRowsAsync(person)).ShouldBe(0);
    }

    [Theory]
    [InlineData(301, 4096L, Msg.VoiceTooLong, 5)]
    [InlineData(60, 20L * 1024 * 1024 + 1, Msg.VoiceTooLarge, 20)]
    public async Task A_note_over_the_limits_is_refused_before_anything_is_fetched(int seconds, long announcedSize, string message, int limit)
    {
        var person = await App.PersonAsync();

        var fileId = await App.SendVoiceAsync(Telegram, person, VoiceDriver.Recording(), seconds, announcedSize);

        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(message, "uk", limit));
        Telegram.TouchedFile(fileId).ShouldBeFalse();
        OpenAi.Requests.ShouldBeEmpty();
        (await App.VoiceRowsAsync(person)).ShouldBe(0);
    }

    [Fact]
    public async Task A_file_bigger_than_telegram_announced_is_refused_after_get_file_without_downloading_it()
    {
        var person = await App.PersonAsync();
        var oversized = new byte[20 * 1024 * 1024 + 1];

        var fileId = await App.SendVoiceAsync(Telegram, person, oversized, seconds: 60, announcedSize: 4096);

        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.VoiceTooLarge, "uk", 20));
        Telegram.Calls.ShouldContain(c => c.Method == "getFile" && c.Body["file_id"]!.ToString() == fileId);
        Telegram.Calls.ShouldNotContain(c => c.Method == FakeTelegramServer.DownloadMethod && c.Body["file_path"]!.ToString().Contains(fileId));
        OpenAi.Requests.ShouldBeEmpty();
        (await App.VoiceRowsAsync(person)).ShouldBe(0);
    }

    [Fact]
    public async Task What_people_said_and_the_api_key_never_reach_the_logs()
    {
        var person = await App.PersonAsync();
        const string words = "Таємниця, яку я нікому не кажу";
        const string reply = "Відповідь, яка теж лишається між нами";
        OpenAi.Transcript = words;
        OpenAi.Analysis = FakeOpenAiServer.AnalysisJson(reply: reply, topics: ["таємниця"]);

        await App.SendVoiceAsync(Telegram, person, VoiceDriver.Recording());
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text!.Contains(words));
        OpenAi.Inject(AiFault.MalformedContent($"{{\"reply\": \"{reply}\", \"mood\": 42}}"), AiEndpoint.ChatCompletions);
        await App.SendVoiceAsync(Telegram, person, VoiceDriver.Recording());
        OpenAi.Inject(AiFault.ServerError(500), AiEndpoint.ChatCompletions, times: 1 + VoiceAppFixture.Retries);
        await App.SendVoiceAsync(Telegram, person, VoiceDriver.Recording());
        await Telegram.WaitForCallsAsync(c => c.ChatId == person.TelegramId && c.Text == Unavailable(), 2);

        var everything = string.Join("\n", Fixture.Logs.Lines);
        // The failures themselves are logged, by kind only.
        Fixture.Logs.Lines.ShouldContain(l => l.Contains("Voice note not handled") && l.Contains("MalformedAnalysis"), everything);
        Fixture.Logs.Lines.ShouldContain(l => l.Contains("Voice note not handled") && l.Contains("ServiceError"), everything);
        everything.ShouldNotContain(words);
        everything.ShouldNotContain(reply);
        everything.ShouldNotContain("таємниця");
        everything.ShouldNotContain(FakeOpenAiServer.ApiKey);
    }
}
