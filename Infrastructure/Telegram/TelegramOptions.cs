namespace Mindguard.Infrastructure.Telegram;

public enum TelegramMode { Off, Polling, Webhook }

/// <summary>How the bot talks to Telegram and how fast it may send.</summary>
public sealed class TelegramOptions
{
    /// <summary>Bot token from @BotFather. Without it the bot is off and only the API serves.</summary>
    [ConfigurationKeyName("TELEGRAM_BOT_TOKEN")]
    public string? BotToken { get; set; }

    /// <summary><c>webhook</c>, <c>polling</c> or <c>off</c>; by default webhook when PUBLIC_URL is set, else polling.</summary>
    [ConfigurationKeyName("TELEGRAM_MODE")]
    public string? Mode { get; set; }

    /// <summary>Telegram sends it back in <c>X-Telegram-Bot-Api-Secret-Token</c>; required in webhook mode.</summary>
    [ConfigurationKeyName("TELEGRAM_WEBHOOK_SECRET")]
    public string? WebhookSecret { get; set; }

    /// <summary>Bot API base URL: a self-hosted Bot API server, or a fake one in tests.</summary>
    [ConfigurationKeyName("TELEGRAM_API_BASE_URL")]
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    /// <summary>Public https base of this deployment; the webhook is registered at PUBLIC_URL/telegram/webhook.</summary>
    [ConfigurationKeyName("PUBLIC_URL")]
    public string? PublicUrl { get; set; }

    /// <summary>Messages per second for the whole bot, shared by all replicas (Telegram allows about 30).</summary>
    [ConfigurationKeyName("TELEGRAM_GLOBAL_RATE")]
    public double GlobalRate { get; set; } = 30;

    /// <summary>Messages per second to one chat (Telegram allows about 1).</summary>
    [ConfigurationKeyName("TELEGRAM_CHAT_RATE")]
    public double ChatRate { get; set; } = 1;

    /// <summary>Short bursts to one chat Telegram tolerates, so a reply to a tap is not held back.</summary>
    [ConfigurationKeyName("TELEGRAM_CHAT_BURST")]
    public int ChatBurst { get; set; } = 3;

    /// <summary>Broadcasts carry <c>allow_paid_broadcast</c>, letting the global rate go up to 1,000/s.</summary>
    [ConfigurationKeyName("TELEGRAM_PAID_BROADCAST")]
    public bool PaidBroadcast { get; set; }

    /// <summary>Sending attempts before an outbox message is recorded as failed.</summary>
    /// <summary>
    /// Seconds a direct reply (inside a webhook request) may take before it counts as failed, so a slow
    /// Telegram answers the update with 503 and a redelivery instead of holding the request.
    /// </summary>
    [ConfigurationKeyName("TELEGRAM_REPLY_TIMEOUT_SECONDS")]
    public double ReplyTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// Connections Telegram may open to the webhook at once (<c>max_connections</c> of setWebhook, 1–100),
    /// and at most how many updates one replica handles at once (also never more than half the database
    /// pool or twelve per core, see <see cref="WebhookGate"/>): more are answered 503 at once, never queued,
    /// so a backlog cannot turn into requests that time out after doing their work.
    /// </summary>
    [ConfigurationKeyName("TELEGRAM_WEBHOOK_CONNECTIONS")]
    public int WebhookConnections { get; set; } = 40;

    [ConfigurationKeyName("OUTBOX_MAX_ATTEMPTS")]
    public int OutboxMaxAttempts { get; set; } = 5;

    public bool HasToken => !string.IsNullOrWhiteSpace(BotToken);

    public TelegramMode EffectiveMode =>
        !HasToken ? TelegramMode.Off
        : Mode?.Trim().ToLowerInvariant() switch
        {
            "webhook" => TelegramMode.Webhook,
            "polling" => TelegramMode.Polling,
            "off" => TelegramMode.Off,
            _ => string.IsNullOrWhiteSpace(PublicUrl) ? TelegramMode.Polling : TelegramMode.Webhook,
        };
}

public sealed class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public const int MinWebhookSecretLength = 16;

    public ValidateOptionsResult Validate(string? name, TelegramOptions o)
    {
        var failures = new List<string>();
        if (o.Mode is { Length: > 0 } mode && mode.Trim().ToLowerInvariant() is not ("webhook" or "polling" or "off"))
            failures.Add($"TELEGRAM_MODE must be webhook, polling or off (got '{mode}')");
        if (!Uri.TryCreate(o.ApiBaseUrl, UriKind.Absolute, out _))
            failures.Add("TELEGRAM_API_BASE_URL must be an absolute URL such as https://api.telegram.org");
        if (o.EffectiveMode == TelegramMode.Webhook)
        {
            if (string.IsNullOrWhiteSpace(o.WebhookSecret))
                failures.Add("TELEGRAM_WEBHOOK_SECRET is required in webhook mode: 16-256 characters of A-Z, a-z, 0-9, _ and -");
            // The secret is all that stands between the internet and a forged update; Telegram allows 1 character.
            else if (o.WebhookSecret.Length < MinWebhookSecretLength)
                failures.Add($"TELEGRAM_WEBHOOK_SECRET must be at least {MinWebhookSecretLength} characters (e.g. openssl rand -hex 32)");
            else if (o.WebhookSecret.Length > 256 || o.WebhookSecret.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
                failures.Add("TELEGRAM_WEBHOOK_SECRET may hold only A-Z, a-z, 0-9, _ and - (at most 256), as Telegram requires");
            if (!Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
                failures.Add("PUBLIC_URL must be the https address of this deployment in webhook mode");
        }
        if (o.GlobalRate <= 0) failures.Add("TELEGRAM_GLOBAL_RATE must be above 0 messages per second");
        if (o.ChatRate <= 0) failures.Add("TELEGRAM_CHAT_RATE must be above 0 messages per second");
        if (o.ChatBurst < 1) failures.Add("TELEGRAM_CHAT_BURST must be at least 1");
        if (o.OutboxMaxAttempts < 1) failures.Add("OUTBOX_MAX_ATTEMPTS must be at least 1");
        if (o.WebhookConnections is < 1 or > 100) failures.Add("TELEGRAM_WEBHOOK_CONNECTIONS must be 1-100, as Telegram allows");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
