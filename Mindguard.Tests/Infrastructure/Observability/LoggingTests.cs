using Mindguard.Features.Users.Resources;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Observability;

public sealed class LoggingTests : AppsTestBase
{
    [Fact]
    public async Task Each_host_keeps_its_own_logs_when_another_host_in_the_process_starts_and_stops()
    {
        var logs = new CapturedLogs();
        var first = await StartAppAsync(services: s => s.AddSingleton<ILoggerProvider>(logs));
        var second = await StartAppAsync();
        await second.DisposeAsync();
        var person = TestData.NewTelegramId();

        await first.PostUpdateAsync(TelegramUpdates.Text(person, "/help"));

        await Telegram.WaitForMessageAsync(person, c => c.Text == SupportResources.Text(SupportResources.Defaults("uk"), Msg.Help, "uk"));
        logs.Lines.ShouldContain(l => l.Contains("/telegram/webhook") && l.Contains("answered"));
    }
}
