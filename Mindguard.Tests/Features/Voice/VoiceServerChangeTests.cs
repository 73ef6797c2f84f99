using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mindguard.Features.Users.Consent;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.OpenAi;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Voice;

/// <summary>
/// An operator sets up an AI server after people have joined: those who agreed to "recordings go nowhere"
/// are asked again before a voice note of theirs reaches it, and nothing else they do is held up.
/// </summary>
public sealed class VoiceServerChangeTests : AppsTestBase
{
    private async Task<RecordedCall> PostAsync(MindguardApp app, long person, string update)
    {
        var before = Telegram.MessagesTo(person).Count;
        (await app.PostUpdateAsync(update)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await Telegram.WaitForCallsAsync(c => c.Succeeded && c.ChatId == person && c.Method is "sendMessage" or "editMessageText", before + 1))[before];
    }

    [Fact]
    public async Task Someone_who_agreed_when_no_ai_server_was_set_up_is_asked_again_before_a_voice_note_reaches_one()
    {
        // Joined through the bot while no AI server was set up: the terms they agreed to said recordings go nowhere.
        var without = await StartAppAsync();
        var org = await Org.SeedAsync(without);
        var invite = await (await without.ClientWithKey(org.Admin.ApiKey).PostAsJsonAsync("/api/invites", new { teamId = org.TeamId, role = "employee" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var telegramId = TestData.NewTelegramId();
        var terms = await PostAsync(without, telegramId, TelegramUpdates.Text(telegramId, $"/start {invite.GetProperty("code").GetString()}"));
        terms.Text!.ShouldContain(Catalogue.Instance.Get(Msg.ConsentVoiceNone, "uk"));
        (await PostAsync(without, telegramId, TelegramUpdates.Callback(telegramId, ConsentScreen.AgreeData))).Text!.ShouldStartWith("Готово!");
        await using (var owner = await without.OwnerConnectionAsync())
        {
            var id = await owner.ExecuteScalarAsync<Guid>("SELECT id FROM users WHERE telegram_id = @telegramId", new { telegramId });
            var person = new TestUser(id, org.Id, org.TeamId, telegramId, "employee", "");

            // The operator sets up an AI server and deploys.
            await using var openAi = await FakeOpenAiServer.StartAsync();
            var with = await StartAppAsync(s => VoiceAppFixture.UseOpenAi(s, openAi), databaseUrl: without.DatabaseUrl);

            var joined = Telegram.MessagesTo(telegramId).Count;
            var fileId = await with.SendVoiceAsync(Telegram, person, VoiceDriver.Recording());
            var asked = (await Telegram.WaitForCallsAsync(c => c.Succeeded && c.ChatId == telegramId && c.Method == "sendMessage", joined + 1))[joined];
            asked.Text!.ShouldStartWith(Catalogue.Instance.Get(Msg.ConsentIntroVoice, "uk"));
            asked.Text.ShouldContain(Catalogue.Instance.Get(Msg.ConsentVoiceAi, "uk", openAi.BaseUrl.Host));
            Telegram.TouchedFile(fileId).ShouldBeFalse();
            openAi.Requests.ShouldBeEmpty();
            (await with.VoiceRowsAsync(person)).ShouldBe(0);

            // /privacy does not say they agreed to terms that name the server.
            (await PostAsync(with, telegramId, TelegramUpdates.Text(telegramId, "/privacy"))).ButtonData.ShouldContain(ConsentScreen.AgreeData);
            // Check-ins send nothing to the server, so they are not held up.
            await with.PostUpdateAsync(TelegramUpdates.Text(telegramId, "/checkin"));
            var first = await new CheckinDriver(Telegram, telegramId).QuestionAsync(0);

            // "I agree" records the server, the check-in under way goes on, and the next note is heard.
            var before = Telegram.MessagesTo(telegramId).Count;
            (await with.PostUpdateAsync(TelegramUpdates.Callback(telegramId, ConsentScreen.AgreeData))).StatusCode.ShouldBe(HttpStatusCode.OK);
            var sent = await Telegram.WaitForCallsAsync(c => c.Succeeded && c.ChatId == telegramId && c.Method is "sendMessage", before + 2);
            sent[before].Text.ShouldBe(Catalogue.Instance.Get(Msg.ConsentAgreedResume, "uk"));
            sent[before + 1].ButtonData.ShouldBe(first.ButtonData);
            (await owner.ExecuteScalarAsync<string>("SELECT consent_clauses->>'voice' FROM users WHERE id = @id", new { id }))
                .ShouldBe($"ai:{openAi.BaseUrl.Host}");

            await with.SendVoiceAsync(Telegram, person, VoiceDriver.Recording());
            await Telegram.WaitForMessageAsync(telegramId, c => c.Text!.Contains(FakeOpenAiServer.DefaultTranscript));
            openAi.RequestsTo(AiEndpoint.Transcriptions).ShouldHaveSingleItem();
            (await with.VoiceRowsAsync(person)).ShouldBe(1);
        }
    }
}
