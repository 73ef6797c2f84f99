using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mindguard.Features.Users.Consent;
using Mindguard.Features.Users.Resources;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.OpenAi;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Voice;

/// <summary>
/// What the person agreed to decides whether a voice note reaches the AI server: the terms name the
/// server, nothing goes there before "I agree", and the person's own switch in /settings turns it off.
/// </summary>
[Collection(VoiceCollection.Name)]
public sealed class VoiceConsentTests(VoiceAppFixture fixture) : VoiceTestBase(fixture)
{

    private async Task<RecordedCall> PostAsync(long person, string update)
    {
        var before = Telegram.MessagesTo(person).Count;
        (await App.PostUpdateAsync(update)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await Telegram.WaitForCallsAsync(c => c.Succeeded && c.ChatId == person && c.Method is "sendMessage" or "editMessageText", before + 1))[before];
    }

    [Fact]
    public async Task The_terms_name_the_ai_server_and_say_that_switching_off_also_stops_crisis_screening()
    {
        var person = await App.PersonAsync();

        var terms = (await PostAsync(person.TelegramId, TelegramUpdates.Text(person.TelegramId, "/privacy"))).Text!;

        terms.ShouldContain(Catalogue.Instance.Get(Msg.ConsentVoiceAi, "uk", OpenAi.BaseUrl.Host));
        terms.ShouldContain("на ознаки кризи не перевіряються");
        terms.ShouldNotContain(Catalogue.Instance.Get(Msg.ConsentVoiceNone, "uk"));
    }

    [Fact]
    public async Task A_voice_note_before_consent_gets_the_terms_and_reaches_no_server()
    {
        var person = await App.PersonAsync();
        await using (var owner = await App.OwnerConnectionAsync())
            await owner.ExecuteAsync("UPDATE users SET consent_version = NULL, consented_at = NULL WHERE id = @Id", person);

        var fileId = await App.SendVoiceAsync(Telegram, person, VoiceDriver.Recording());

        var asked = await Telegram.WaitForMessageAsync(person.TelegramId);
        asked.Text!.ShouldStartWith(Catalogue.Instance.Get(Msg.ConsentIntroMember, "uk"));
        asked.ButtonData.ShouldContain(ConsentScreen.AgreeData);
        Telegram.TouchedFile(fileId).ShouldBeFalse();
        OpenAi.Requests.ShouldBeEmpty();
        (await App.VoiceRowsAsync(person)).ShouldBe(0);
    }

    [Fact]
    public async Task With_voice_analysis_switched_off_in_settings_a_note_is_not_sent_and_the_person_is_told_how_to_switch_it_on()
    {
        var person = await App.PersonAsync();
        var menu = await PostAsync(person.TelegramId, TelegramUpdates.Text(person.TelegramId, "/settings"));
        menu.Text!.ShouldContain("Аналіз голосових повідомлень: увімкнено");
        menu.ButtonData.ShouldContain("set:v1:voice:off");

        var switched = await PostAsync(person.TelegramId, TelegramUpdates.Callback(person.TelegramId, "set:v1:voice:off"));
        switched.Text!.ShouldContain("Аналіз голосових повідомлень: вимкнено");
        switched.ButtonData.ShouldContain("set:v1:voice:on");

        var fileId = await App.SendVoiceAsync(Telegram, person, VoiceDriver.Recording());

        var reply = await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Method == "sendMessage" && c.Text!.Contains("/settings"));
        reply.Text.ShouldBe(SupportResources.Text(SupportResources.Defaults("uk"), Msg.VoiceAnalysisDisabled, "uk"));
        Telegram.TouchedFile(fileId).ShouldBeFalse();
        OpenAi.Requests.ShouldBeEmpty();
        (await App.VoiceRowsAsync(person)).ShouldBe(0);

        // Switched on again over the API, the next note is heard.
        var settings = await (await App.ClientWithKey(person.ApiKey).PatchAsJsonAsync("/api/me/settings", new { voiceAnalysis = true }))
            .Content.ReadFromJsonAsync<JsonElement>();
        settings.GetProperty("voiceAnalysis").GetBoolean().ShouldBeTrue();
        await App.SendVoiceAsync(Telegram, person, VoiceDriver.Recording());
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text!.Contains(FakeOpenAiServer.DefaultTranscript));
        OpenAi.RequestsTo(AiEndpoint.Transcriptions).ShouldHaveSingleItem();
    }
}
