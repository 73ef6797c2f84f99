using Mindguard.Features.Users.Resources;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Telegram;

public sealed class TelegramModesTests : AppsTestBase
{
    private static void Polling(Dictionary<string, string?> settings)
    {
        settings["TELEGRAM_MODE"] = "polling";
        settings["PUBLIC_URL"] = null;
    }

    [Fact]
    public async Task Webhook_mode_registers_the_webhook_with_its_secret_at_start()
    {
        await StartAppAsync();

        var call = await Telegram.WaitForCallAsync(c => c.Method == "setWebhook");

        call.Body["url"]!.ToString().ShouldBe("https://mindguard.test/telegram/webhook");
        call.Body["secret_token"]!.ToString().ShouldBe(MindguardApp.WebhookSecret);
        call.Body["max_connections"]!.ToString().ShouldBe("40");
        call.Token.ShouldBe(MindguardApp.BotToken);
    }

    [Fact]
    public async Task Polling_mode_takes_updates_from_get_updates_and_answers_them()
    {
        await StartAppAsync(Polling);
        var person = TestData.NewTelegramId();

        Telegram.EnqueueUpdate(TelegramUpdates.Text(person, "/help", languageCode: "en"));

        (await Telegram.WaitForMessageAsync(person)).Text.ShouldBe(SupportResources.Text(SupportResources.Defaults("en"), Msg.Help, "en"));
        Telegram.Calls.ShouldContain(c => c.Method == "deleteWebhook");
        Telegram.Calls.ShouldNotContain(c => c.Method == "setWebhook");
    }

    [Fact]
    public async Task Polling_confirms_an_update_only_once_so_it_is_answered_once()
    {
        await StartAppAsync(Polling);
        var person = TestData.NewTelegramId();
        var update = TelegramUpdates.Text(person, "/help");

        Telegram.EnqueueUpdate(update);
        await Telegram.WaitForMessageAsync(person);
        var second = TestData.NewTelegramId();
        Telegram.EnqueueUpdate(TelegramUpdates.Text(second, "/help"));
        await Telegram.WaitForMessageAsync(second);

        Telegram.MessagesTo(person).Count.ShouldBe(1);
    }

    [Fact]
    public async Task With_the_bot_off_the_api_still_serves_and_the_webhook_is_not_there()
    {
        var app = await StartAppAsync(s => s["TELEGRAM_BOT_TOKEN"] = null);

        (await app.PostUpdateAsync(TelegramUpdates.Text(TestData.NewTelegramId(), "/help"))).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        // Readiness may answer 503 for a moment while the job server sends its first heartbeat.
        var ready = await Eventually.HoldsAsync(async () => await (await app.Http.GetAsync("/health/ready")).Content.ReadAsStringAsync(),
            s => s.StartsWith("{\"status\":\"Healthy\""), "readiness");
        ready.ShouldContain("bot is off");
        Telegram.Calls.ShouldBeEmpty();
    }
}
