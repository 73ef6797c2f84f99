using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure;

/// <summary>What an operator sees when a setting is wrong: one line naming the variable, exit code 1.</summary>
public sealed class ConfigurationErrorTests
{
    [Theory]
    [InlineData("PUBLIC_URL", "http://mindguard.example", "PUBLIC_URL must be the https address")]
    [InlineData("MINDGUARD_ENCRYPTION_KEYS", "1:not-base64!", "MINDGUARD_ENCRYPTION_KEYS")]
    [InlineData("DATABASE_URL", null, "DATABASE_URL is missing or empty")]
    [InlineData("REDIS_URL", "redis://127.0.0.1/notanumber", "REDIS_URL")]
    [InlineData("ANONYMITY_K", "five", "ANONYMITY_K")]
    public async Task A_wrong_setting_ends_start_up_with_one_line_naming_it_and_exit_code_1(string variable, string? value, string expected)
    {
        var settings = await AppProcess.SettingsAsync();
        settings["TELEGRAM_BOT_TOKEN"] = "123:token";
        settings["TELEGRAM_WEBHOOK_SECRET"] = "a-long-enough-webhook-secret-for-the-test";
        settings["PUBLIC_URL"] = "https://mindguard.example";
        settings["TELEGRAM_API_BASE_URL"] = "http://127.0.0.1:9";
        settings[variable] = value;
        await using var app = AppProcess.Start(settings);

        var exitCode = await app.ExitCodeAsync();

        exitCode.ShouldBe(1, $"stderr: {app.Stderr}");
        var lines = app.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldHaveSingleItem().ShouldStartWith("Configuration error: ");
        lines[0].ShouldContain(expected);
        (app.Stdout + app.Stderr).ShouldNotContain("   at ", customMessage: "no stack trace");
        if (value is { Length: > 0 }) lines[0].ShouldNotContain(value, customMessage: "a value may be a secret; the line names the variable only");
    }
}
