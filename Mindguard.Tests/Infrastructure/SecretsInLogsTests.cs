using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure;

public sealed class SecretsInLogsTests : IAsyncLifetime
{
    private readonly CapturedLogs _logs = new();
    private FakeTelegramServer _telegram = null!;
    private MindguardApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _telegram = await FakeTelegramServer.StartAsync();
        _app = await MindguardApp.StartAsync(_telegram, services: s => s.AddSingleton<ILoggerProvider>(_logs));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await TestEnvironment.DropDatabaseAsync(_app.DatabaseUrl);
        await _telegram.DisposeAsync();
    }

    [Fact]
    public async Task The_bot_token_keys_and_passwords_never_reach_the_logs()
    {
        var person = TestData.NewTelegramId();
        _telegram.Inject(Failure.ServerError(502), "sendMessage", person, times: 1);

        await _app.PostUpdateAsync(TelegramUpdates.Text(person, "/help"));
        await _app.PostUpdateAsync(TelegramUpdates.Text(person, "/help"), secret: "wrong");
        await _app.EnqueueAsync((person, "queued"));
        await _telegram.WaitForMessageAsync(person, c => c.Text == "queued");
        await _app.ClientWithKey("mg_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").GetAsync("/api/me");

        _logs.Lines.ShouldNotBeEmpty();
        var everything = string.Join("\n", _logs.Lines);
        everything.ShouldNotContain(MindguardApp.BotToken.Split(':')[1]);
        everything.ShouldNotContain(MindguardApp.WebhookSecret);
        everything.ShouldNotContain(TestEnvironment.EncryptionKeys.Split(':')[1]);
        everything.ShouldNotContain("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        everything.ShouldNotContain("Password=");
    }
}
