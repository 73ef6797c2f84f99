using System.Text.RegularExpressions;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Observability;

/// <summary>The start log as an operator's terminal shows it, from the built app run as a process.</summary>
public sealed partial class StartLogTests
{
    [Fact]
    public async Task Each_start_log_line_is_printed_once()
    {
        await using var app = AppProcess.Start(await AppProcess.SettingsAsync());

        await app.WaitUntilReadyAsync();

        var lines = app.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldContain(l => l.Contains("Registered") && l.Contains("endpoints"));
        // The default console provider printed "info: Category[id]" headers beside Serilog's lines.
        lines.ShouldNotContain(l => l.StartsWith("info:") || l.StartsWith("warn:") || l.StartsWith("fail:"));
        lines.Count(l => l.Contains("Registered") && l.Contains("endpoints")).ShouldBe(1);
    }

    /// <summary>
    /// A new container: no home folder left by an earlier run, the bot on with its webhook, then a second
    /// start of the same deployment (a restart, or the next replica). Neither prints any line twice, and a
    /// healthy start has nothing to warn about (Data Protection warned of keys kept unencrypted at every start).
    /// </summary>
    [Fact]
    public async Task A_fresh_deployment_starts_and_restarts_without_a_warning_or_a_repeated_line()
    {
        await using var telegram = await FakeTelegramServer.StartAsync();
        var settings = await AppProcess.SettingsAsync();
        settings["HOME"] = Directory.CreateTempSubdirectory("mindguard-home-").FullName;
        settings["TELEGRAM_BOT_TOKEN"] = MindguardApp.BotToken;
        settings["TELEGRAM_MODE"] = "webhook";
        settings["TELEGRAM_WEBHOOK_SECRET"] = MindguardApp.WebhookSecret;
        settings["PUBLIC_URL"] = "https://mindguard.test";
        settings["TELEGRAM_API_BASE_URL"] = telegram.BaseUrl.ToString();

        foreach (var start in new[] { "first start", "restart" })
        {
            await using var app = AppProcess.Start(settings);
            await app.WaitUntilReadyAsync();
            await Eventually.HoldsAsync(() => Task.FromResult(app.Stdout), o => o.Contains("Telegram webhook registered"), "the webhook to be registered");

            var lines = app.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(l => Timestamp().Replace(l, "")).ToList();
            lines.GroupBy(l => l).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty(start);
            lines.ShouldNotContain(l => l.StartsWith("WRN") || l.StartsWith("ERR") || l.StartsWith("FTL"), start);
            lines.ShouldNotContain(l => l.Contains("DataProtection") || l.Contains("XML encryptor"), start);
            app.Stderr.ShouldBeEmpty(start);
            // A restart stops the running process first; killing it instead is the crash RecurringJobRegistrationTests covers.
            (await app.StopAsync()).ShouldBe(0, start);
        }
    }

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d ")]
    private static partial Regex Timestamp();

    [Fact]
    public async Task With_LOG_FORMAT_json_every_line_is_a_json_object()
    {
        var settings = await AppProcess.SettingsAsync();
        settings["LOG_FORMAT"] = "json";
        await using var app = AppProcess.Start(settings);

        await app.WaitUntilReadyAsync();

        var lines = app.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldNotBeEmpty();
        lines.ShouldAllBe(l => l.StartsWith('{') && l.EndsWith('}'));
    }
}
