using System.Text.Json;
using Telegram.Bot;

namespace Mindguard.Infrastructure.Telegram;

/// <summary>
/// Long polling for development and hosts without a public URL. Uses the same processor as the
/// webhook; an update is confirmed (the offset moves past it) only when the processor is done with it.
/// </summary>
public sealed class TelegramPollingService(
    ITelegramBotClient bot, UpdateProcessor processor, IOptions<TelegramOptions> options, TelegramStatus status, ILogger<TelegramPollingService> logger, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.EffectiveMode != TelegramMode.Polling) return;
        var offset = 0;
        var backoff = TimeSpan.FromSeconds(1);
        await RunUntilAsync(() => bot.DeleteWebhook(cancellationToken: stoppingToken), stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var updates = await bot.GetUpdates(offset, limit: 100, timeout: 25, cancellationToken: stoppingToken);
                foreach (var update in updates)
                {
                    var raw = JsonSerializer.Serialize(update, JsonBotAPI.Options);
                    var outcome = await processor.ProcessAsync(update, raw, stoppingToken);
                    if (outcome is UpdateOutcome.Unavailable or UpdateOutcome.InProgress)
                    {
                        throw new TimeoutException($"update {update.Id} could not be processed now");
                    }
                    offset = update.Id + 1;
                }
                backoff = TimeSpan.FromSeconds(1);
                status.Reachable();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Polling Telegram failed; retrying in {Delay}", backoff);
                status.Failed(ex);
                await Task.Delay(backoff, time, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
                backoff = TimeSpan.FromSeconds(Math.Min(30, backoff.TotalSeconds * 2));
            }
        }
    }

    private async Task RunUntilAsync(Func<Task> action, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await action();
                status.Reachable();
                return;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Telegram is not reachable yet");
                status.Failed(ex);
                await Task.Delay(TimeSpan.FromSeconds(5), time, ct).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }
}
