using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Observability;

/// <summary>The start log as an operator's terminal shows it, from the built app run as a process.</summary>
public sealed class StartLogTests
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
