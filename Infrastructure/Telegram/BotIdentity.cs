using Telegram.Bot;

namespace Mindguard.Infrastructure.Telegram;

/// <summary>The bot's @username, asked of Telegram once, for invite deep links (t.me/&lt;bot&gt;?start=CODE).</summary>
public sealed class BotIdentity(ITelegramBotClient bot, IOptions<TelegramOptions> options, ILogger<BotIdentity> logger)
{
    private string? _username;

    public async Task<string?> UsernameAsync(CancellationToken ct)
    {
        if (_username is not null || options.Value.EffectiveMode == TelegramMode.Off) return _username;
        try
        {
            _username = (await bot.GetMe(ct)).Username;
        }
        catch (Exception ex) when (TransientErrors.IsTransient(ex) || ex is global::Telegram.Bot.Exceptions.RequestException)
        {
            // A link is a convenience; the code alone still works with /join. RequestException also covers an
            // answer that is not the Bot API's JSON at all, such as a proxy's HTML error page.
            logger.LogWarning(ex, "Could not ask Telegram for the bot's username");
        }
        return _username;
    }
}
