using Mindguard.Infrastructure.Scheduling;
using Mindguard.Infrastructure.Security.KeyRotation;
using Mindguard.Infrastructure.Telegram.Outbox;
using Telegram.Bot;

namespace Mindguard.Infrastructure.Telegram;

public static class TelegramServices
{
    public static IServiceCollection AddTelegram(this IServiceCollection services)
    {
        services.AddOptions<TelegramOptions>().BindConfiguration("").ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>();

        // Request logging is removed because the Bot API puts the token in every URL.
        services.AddHttpClient(nameof(TelegramBotClient), http => http.Timeout = TimeSpan.FromSeconds(60))
            .RemoveAllLoggers();
        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(TelegramBotClient));
            // The outbox owns retries and the shared rate budget, so the client must not wait on 429 by itself.
            var clientOptions = new TelegramBotClientOptions(o.HasToken ? o.BotToken! : "0:bot-is-off", o.ApiBaseUrl) { RetryThreshold = 0 };
            return new TelegramBotClient(clientOptions, http);
        });

        services.AddSingleton<TelegramStatus>();
        services.AddSingleton<BotIdentity>();
        services.AddSingleton<TelegramRateLimiter>();
        services.AddSingleton<BotReplies>();
        services.AddSingleton<Conversations>();
        services.AddSingleton<UpdateRouter>();
        services.AddSingleton<DeadLetters>();
        // Diagnostic copies kept 90 days: one its key no longer opens is no reason to stay down.
        services.AddSealedColumn(SealedColumn.Text("dead letters", "telegram_dead_letters", "id", "payload", "update_id",
            updateId => DeadLetters.AssociatedData(long.Parse(updateId, System.Globalization.CultureInfo.InvariantCulture)), blocksStart: false));
        services.AddSingleton<UpdateProcessor>();
        services.AddSingleton<WebhookGate>();

        // Each of these returns at once unless the configured mode needs it.
        services.AddHostedService<TelegramPollingService>();
        services.AddHostedService<TelegramWebhookRegistration>();
        services.AddHostedService<OutboxWorker>();
        services.AddRecurringJob<SummariseBroadcastsJob>("SummariseBroadcasts", "* * * * *");
        return services;
    }

    /// <summary>Registers a feature's bot handler; the router finds it by its <see cref="IBotHandler.Route"/>.</summary>
    public static IServiceCollection AddBotHandler<THandler>(this IServiceCollection services) where THandler : class, IBotHandler =>
        services.AddSingleton<IBotHandler, THandler>();
}
