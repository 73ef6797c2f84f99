using Microsoft.Extensions.Diagnostics.HealthChecks;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Infrastructure.Health;

/// <summary>
/// Reports the bot's mode and whether Telegram answered lately. Always healthy: without Telegram
/// the API, jobs and outbox still work, and the outbox catches up when Telegram returns.
/// </summary>
public sealed class TelegramHealthCheck(IOptions<TelegramOptions> options, TelegramStatus status) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var mode = options.Value.EffectiveMode;
        var data = new Dictionary<string, object>
        {
            ["mode"] = mode.ToString().ToLowerInvariant(),
            ["telegram"] = mode == TelegramMode.Off ? "bot is off: set TELEGRAM_BOT_TOKEN to turn it on" : status.State,
        };
        if (status.At is { } at) data["checkedAt"] = at;
        return Task.FromResult(HealthCheckResult.Healthy(mode == TelegramMode.Off ? "bot off" : status.State, data));
    }
}
