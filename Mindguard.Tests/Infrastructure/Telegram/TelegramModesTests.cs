using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Telegram;

public sealed class TelegramModesTests : IAsyncLifetime
{
    private FakeTelegramServer _telegram = null!;
    private MindguardApp? _app;

    public async ValueTask InitializeAsync() => _telegram = await FakeTelegramServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            await TestEnvironment.DropDatabaseAsync(_app.DatabaseUrl);
        }
        await _telegram.DisposeAsync();
    }

    [Fact]
    public async Task Webhook_mode_registers_the_webhook_with_its_secret_at_start()
    {
        _app = await MindguardApp.StartAsync(_telegram);

        var call = await _telegram.WaitForCallAsync(c => c.Method == "setWebhook");

        call.Body["url"]!.ToString().ShouldBe("https://mindguard.test/telegram/webhook");
        call.Body["secret_token"]!.ToString().ShouldBe(MindguardApp.WebhookSecret);
        call.Token.ShouldBe(MindguardApp.BotToken);
    }

    [Fact]
    public async Task Polling_mode_takes_updates_from_get_updates_and_answers_them()
    {
        _app = await MindguardApp.StartAsync(_telegram, s =>
        {
            s["TELEGRAM_MODE"] = "polling";
            s["PUBLIC_URL"] = null;
        });
        var person = TestData.NewTelegramId();

        _telegram.EnqueueUpdate(TelegramUpdates.Text(person, "/help", languageCode: "en"));

        (await _telegram.WaitForMessageAsync(person)).Text.ShouldBe(Catalogue.Instance.Get(Msg.Help, "en"));
        _telegram.Calls.ShouldContain(c => c.Method == "deleteWebhook");
        _telegram.Calls.ShouldNotContain(c => c.Method == "setWebhook");
    }

    [Fact]
    public async Task Polling_confirms_an_update_only_once_so_it_is_answered_once()
    {
        _app = await MindguardApp.StartAsync(_telegram, s =>
        {
            s["TELEGRAM_MODE"] = "polling";
            s["PUBLIC_URL"] = null;
        });
        var person = TestData.NewTelegramId();
        var update = TelegramUpdates.Text(person, "/help");

        _telegram.EnqueueUpdate(update);
        await _telegram.WaitForMessageAsync(person);
        var second = TestData.NewTelegramId();
        _telegram.EnqueueUpdate(TelegramUpdates.Text(second, "/help"));
        await _telegram.WaitForMessageAsync(second);

        _telegram.MessagesTo(person).Count.ShouldBe(1);
    }

    [Fact]
    public async Task With_the_bot_off_the_api_still_serves_and_the_webhook_is_not_there()
    {
        _app = await MindguardApp.StartAsync(_telegram, s => s["TELEGRAM_BOT_TOKEN"] = null);

        (await _app.PostUpdateAsync(TelegramUpdates.Text(TestData.NewTelegramId(), "/help"))).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        var ready = await Eventually.HoldsAsync(() => _app.Http.GetStringAsync("/health/ready"), s => s.Contains("\"Healthy\""), "readiness");
        ready.ShouldContain("bot is off");
        _telegram.Calls.ShouldBeEmpty();
    }
}
