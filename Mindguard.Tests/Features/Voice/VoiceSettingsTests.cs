using Mindguard.Features.Users.Resources;
using System.Diagnostics;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.OpenAi;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Voice;

/// <summary>Apps of their own settings: voice switched off, a time budget short enough to run out, a bad setting.</summary>
public sealed class VoiceSettingsTests : AppsTestBase
{
    private FakeOpenAiServer _openAi = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _openAi = await FakeOpenAiServer.StartAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _openAi.DisposeAsync();
    }

    [Fact]
    public async Task Without_an_api_key_a_voice_note_gets_the_polite_message_and_the_bot_keeps_working()
    {
        var app = await StartAppAsync(s =>
        {
            VoiceAppFixture.UseOpenAi(s, _openAi);
            s["OPENAI_API_KEY"] = "";
        });
        var person = await app.PersonAsync();

        var fileId = await app.SendVoiceAsync(Telegram, person, VoiceDriver.Recording());

        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.VoiceUnavailable, "uk"));
        Telegram.TouchedFile(fileId).ShouldBeFalse();
        _openAi.Requests.ShouldBeEmpty();
        (await app.VoiceRowsAsync(person)).ShouldBe(0);
        await TheBotStillAnswersAsync(app, person);
    }

    [Fact]
    public async Task A_server_slower_than_the_time_budget_gets_the_polite_message_and_nothing_is_stored()
    {
        var app = await StartAppAsync(s =>
        {
            VoiceAppFixture.UseOpenAi(s, _openAi);
            s["VOICE_TIMEOUT_SECONDS"] = "3";
        });
        var person = await app.PersonAsync();
        _openAi.Inject(AiFault.Slow(TimeSpan.FromMinutes(3)), AiEndpoint.Transcriptions, times: 1 + VoiceAppFixture.Retries);

        var clock = Stopwatch.StartNew();
        await app.SendVoiceAsync(Telegram, person, VoiceDriver.Recording());
        clock.Stop();

        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.VoiceUnavailable, "uk"));
        // The update was answered long before the fake would have: the app gave up and hung up on it.
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60));
        await _openAi.WaitForRequestsAsync(r => r.Endpoint == AiEndpoint.Transcriptions && r.StatusCode == FakeOpenAiServer.ClientClosedRequest);
        _openAi.RequestsTo(AiEndpoint.ChatCompletions).ShouldBeEmpty();
        (await app.VoiceRowsAsync(person)).ShouldBe(0);
        await TheBotStillAnswersAsync(app, person);
    }

    [Fact]
    public async Task A_bad_voice_setting_stops_start_up_with_a_message_naming_the_variable_but_not_the_key()
    {
        var error = await Should.ThrowAsync<Exception>(() => StartAppAsync(s =>
        {
            VoiceAppFixture.UseOpenAi(s, _openAi);
            s["VOICE_TIMEOUT_SECONDS"] = "0";
        }));

        error.ToString().ShouldContain("VOICE_TIMEOUT_SECONDS must be between 1 and 110");
        error.ToString().ShouldNotContain(FakeOpenAiServer.ApiKey);
    }

    private async Task TheBotStillAnswersAsync(MindguardApp app, TestUser person)
    {
        await app.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/help"));
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == SupportResources.Text(SupportResources.Defaults("uk"), Msg.Help, "uk"));
    }
}
