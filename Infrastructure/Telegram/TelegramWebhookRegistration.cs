using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace Mindguard.Infrastructure.Telegram;

/// <summary>
/// In webhook mode, tells Telegram where to deliver updates and which secret to send with them.
/// Retries in the background so a Telegram outage at start-up never stops the app from serving.
/// </summary>
public sealed class TelegramWebhookRegistration(
    ITelegramBotClient bot, IOptions<TelegramOptions> options, TelegramStatus status,
    ILogger<TelegramWebhookRegistration> logger, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (o.EffectiveMode != TelegramMode.Webhook) return;
        var url = o.PublicUrl!.TrimEnd('/') + TelegramWebhookEndpoint.Route;
        var delay = TimeSpan.FromSeconds(2);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await bot.SetWebhook(url, secretToken: o.WebhookSecret, maxConnections: o.WebhookConnections,
                    allowedUpdates: [UpdateType.Message, UpdateType.CallbackQuery], cancellationToken: stoppingToken);
                status.Reachable();
                logger.LogInformation("Telegram webhook registered at {Url}", url);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                status.Failed(ex);
                logger.LogWarning(ex, "Registering the Telegram webhook failed; retrying in {Delay}", delay);
                await Task.Delay(delay, time, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
                delay = TimeSpan.FromSeconds(Math.Min(300, delay.TotalSeconds * 2));
            }
        }
    }
}
