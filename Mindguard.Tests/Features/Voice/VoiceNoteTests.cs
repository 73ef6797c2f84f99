using Mindguard.Features.Users.Resources;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Features.Users;
using Mindguard.Features.Voice.Notes;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.OpenAi;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Voice;

[Collection(VoiceCollection.Name)]
public sealed class VoiceNoteTests(VoiceAppFixture fixture) : VoiceTestBase(fixture)
{

    private static string DefaultReply => FakeOpenAiServer.AnalysisJson()["reply"]!.GetValue<string>();

    [Fact]
    public async Task A_voice_note_goes_through_both_fakes_and_the_person_gets_the_transcript_and_a_supportive_reply()
    {
        var person = await App.PersonAsync();
        var audio = VoiceDriver.Recording();

        // Exactly five minutes is still within the limit.
        var fileId = await App.SendVoiceAsync(Telegram, person, audio, seconds: 300);

        var reply = await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text!.Contains(FakeOpenAiServer.DefaultTranscript));
        reply.Text.ShouldBe(Catalogue.Instance.Get(Msg.VoiceReply, "uk", FakeOpenAiServer.DefaultTranscript, DefaultReply));
        Telegram.MessagesTo(person.TelegramId).ShouldNotContain(c => c.Text == SupportResources.Text(SupportResources.Defaults("uk"), Msg.CrisisResources, "uk"));

        var typing = Telegram.Calls.First(c => c.Method == "sendChatAction" && c.ChatId == person.TelegramId);
        typing.Body["action"]!.GetValue<string>().ShouldBe("typing");
        typing.At.ShouldBeLessThanOrEqualTo(reply.At);
        Telegram.Calls.ShouldContain(c => c.Method == FakeTelegramServer.DownloadMethod && c.Body["file_path"]!.GetValue<string>() == $"voice/{fileId}.oga");

        var transcription = OpenAi.RequestsTo(AiEndpoint.Transcriptions).ShouldHaveSingleItem();
        transcription.Audio.ShouldBe(audio);
        transcription.AudioFileName.ShouldBe("note.oga");
        transcription.Model.ShouldBe(VoiceAppFixture.SttModel);
        transcription.Fields["response_format"].ShouldBe("json");
        transcription.Authorization.ShouldBe("Bearer " + FakeOpenAiServer.ApiKey);

        var analysis = OpenAi.RequestsTo(AiEndpoint.ChatCompletions).ShouldHaveSingleItem();
        analysis.Model.ShouldBe(VoiceAppFixture.LlmModel);
        analysis.MessageText("user")!.ShouldContain(FakeOpenAiServer.DefaultTranscript);
        analysis.MessageText("system")!.ShouldContain("Ukrainian");
        var format = analysis.Json!["response_format"]!;
        format["type"]!.GetValue<string>().ShouldBe("json_schema");
        format["json_schema"]!["strict"]!.GetValue<bool>().ShouldBeTrue();
        format["json_schema"]!["schema"]!["required"]!.AsArray().Select(n => n!.GetValue<string>())
            .ShouldBe(["mood", "stress", "topics", "self_harm_risk", "reply"], ignoreOrder: true);

        (await App.VoiceRowsAsync(person)).ShouldBe(1);
    }

    [Fact]
    public async Task The_stored_transcript_is_encrypted_under_the_persons_key_and_bound_to_its_note()
    {
        var person = await App.PersonAsync();
        var other = await App.PersonAsync();
        OpenAi.Transcript = "Мені важко зосередитися на роботі через недосипання.";
        OpenAi.Analysis = FakeOpenAiServer.AnalysisJson(mood: 2, stress: 7, topics: ["sleep", "focus"]);

        await App.SendVoiceAsync(Telegram, person, VoiceDriver.Recording(), seconds: 40);
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text!.Contains("недосипання"));

        await using var owner = await App.OwnerConnectionAsync();
        var row = await owner.QuerySingleAsync<StoredNote>("""
            SELECT v.id AS Id, v.transcript AS Transcript, v.topics AS Topics, v.mood AS Mood, v.stress AS Stress,
                   v.self_harm_risk AS SelfHarmRisk, v.duration_seconds AS DurationSeconds, u.data_key AS DataKey
            FROM voice_notes v JOIN users u ON u.id = v.user_id WHERE v.user_id = @Id
            """, person);
        var otherKey = (await owner.ExecuteScalarAsync<byte[]>("SELECT data_key FROM users WHERE id = @Id", other))!;

        Contains(row.Transcript, Encoding.UTF8.GetBytes("недосипання")).ShouldBeFalse();
        Contains(row.Topics, "sleep"u8.ToArray()).ShouldBeFalse();
        var cipher = App.Services.GetRequiredService<PersonCipher>();
        cipher.Decrypt(person.Id, row.DataKey, row.Transcript, VoiceNoteStore.TranscriptContext(person.Id, row.Id)).ShouldBe(OpenAi.Transcript);
        cipher.Decrypt(person.Id, row.DataKey, row.Topics, VoiceNoteStore.TopicsContext(person.Id, row.Id)).ShouldBe("[\"sleep\",\"focus\"]");
        Should.Throw<CryptographicException>(() =>
            cipher.Decrypt(person.Id, row.DataKey, row.Transcript, VoiceNoteStore.TranscriptContext(person.Id, Guid.CreateVersion7())));
        Should.Throw<CryptographicException>(() =>
            cipher.Decrypt(other.Id, otherKey, row.Transcript, VoiceNoteStore.TranscriptContext(person.Id, row.Id)));
        (row.Mood, row.Stress, row.SelfHarmRisk, row.DurationSeconds).ShouldBe((2, 7, false, 40));
    }

    [Fact]
    public async Task A_note_flagged_for_self_harm_risk_shows_the_crisis_resources_in_the_persons_language()
    {
        var person = await App.PersonAsync(language: "en");
        OpenAi.Transcript = "I don't see the point of going on any more.";
        OpenAi.Analysis = FakeOpenAiServer.AnalysisJson(mood: 1, stress: 9, topics: ["hopelessness"], selfHarmRisk: true,
            reply: "Thank you for telling me. What you feel matters, and talking to someone right now can help.");

        await App.SendVoiceAsync(Telegram, person, VoiceDriver.Recording());

        var crisis = await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == SupportResources.Text(SupportResources.Defaults("en"), Msg.CrisisResources, "en"));
        crisis.ButtonData.ShouldBe([Mindguard.Features.Alerts.CrisisPath.TalkData]);
        var reply = await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text!.Contains("talking to someone right now"));
        reply.Text!.ShouldStartWith("Here is what I heard:");
        OpenAi.RequestsTo(AiEndpoint.ChatCompletions).ShouldHaveSingleItem().MessageText("system")!.ShouldContain("English");
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<bool>("SELECT self_harm_risk FROM voice_notes WHERE user_id = @Id", person)).ShouldBeTrue();
    }

    [Fact]
    public async Task An_audio_file_is_heard_like_a_voice_note_and_keeps_its_format()
    {
        var person = await App.PersonAsync();
        var audio = VoiceDriver.Recording(9000);
        var fileId = $"audio-{Guid.NewGuid():N}";
        Telegram.RegisterFile(fileId, audio, $"music/{fileId}.mp3");

        (await App.PostUpdateAsync(TelegramUpdates.Audio(person.TelegramId, fileId, 95, audio.Length, "Standup notes.MP3"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text!.Contains(FakeOpenAiServer.DefaultTranscript));
        var transcription = OpenAi.RequestsTo(AiEndpoint.Transcriptions).ShouldHaveSingleItem();
        transcription.AudioFileName.ShouldBe("note.mp3");
        transcription.Audio.ShouldBe(audio);
        (await App.VoiceRowsAsync(person)).ShouldBe(1);
    }

    [Fact]
    public async Task A_recording_without_words_gets_a_gentle_hint_and_nothing_is_analysed_or_stored()
    {
        var person = await App.PersonAsync();
        OpenAi.Transcript = "  ";

        await App.SendVoiceAsync(Telegram, person, VoiceDriver.Recording());

        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.VoiceNoWords, "uk"));
        OpenAi.RequestsTo(AiEndpoint.ChatCompletions).ShouldBeEmpty();
        (await App.VoiceRowsAsync(person)).ShouldBe(0);
    }

    [Fact]
    public async Task A_voice_note_in_a_group_chat_is_not_heard_so_nobody_else_reads_the_transcript()
    {
        var person = await App.PersonAsync();
        var fileId = $"voice-{Guid.NewGuid():N}";
        Telegram.RegisterFile(fileId, VoiceDriver.Recording(), $"voice/{fileId}.oga");
        var update = JsonNode.Parse(TelegramUpdates.Voice(person.TelegramId, fileId, 10, 4096))!;
        const long groupId = -1001234567890;
        update["message"]!["chat"] = new JsonObject { ["id"] = groupId, ["type"] = "supergroup", ["title"] = "Team chat" };

        (await App.PostUpdateAsync(update.ToJsonString())).StatusCode.ShouldBe(HttpStatusCode.OK);

        Telegram.TouchedFile(fileId).ShouldBeFalse();
        Telegram.Calls.ShouldNotContain(c => c.ChatId == groupId);
        OpenAi.Requests.ShouldBeEmpty();
        (await App.VoiceRowsAsync(person)).ShouldBe(0);
    }

    [Fact]
    public async Task Someone_who_has_not_joined_is_told_how_to_and_nothing_is_downloaded()
    {
        var stranger = TestData.NewTelegramId();
        var fileId = $"voice-{Guid.NewGuid():N}";
        Telegram.RegisterFile(fileId, VoiceDriver.Recording(), $"voice/{fileId}.oga");

        (await App.PostUpdateAsync(TelegramUpdates.Voice(stranger, fileId, 10, 4096))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Telegram.WaitForMessageAsync(stranger, c => c.Text == Catalogue.Instance.Get(Msg.NotAMember, "uk"));
        Telegram.TouchedFile(fileId).ShouldBeFalse();
        OpenAi.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_reply_lost_to_a_telegram_error_is_sent_on_redelivery_and_the_note_is_stored_once()
    {
        var person = await App.PersonAsync();
        var fileId = $"voice-{Guid.NewGuid():N}";
        Telegram.RegisterFile(fileId, VoiceDriver.Recording(), $"voice/{fileId}.oga");
        var update = TelegramUpdates.Voice(person.TelegramId, fileId, 20, 4096);
        Telegram.Inject(Failure.ServerError(502), "sendMessage", person.TelegramId);

        (await App.PostUpdateAsync(update)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await App.VoiceRowsAsync(person)).ShouldBe(1);
        (await App.PostUpdateAsync(update)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text!.Contains(FakeOpenAiServer.DefaultTranscript));
        (await App.VoiceRowsAsync(person)).ShouldBe(1);
        OpenAi.RequestsTo(AiEndpoint.Transcriptions).Count.ShouldBe(2);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    private sealed record StoredNote(Guid Id, byte[] Transcript, byte[] Topics, int Mood, int Stress, bool SelfHarmRisk, int DurationSeconds, byte[] DataKey);
}
