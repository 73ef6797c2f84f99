using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Mindguard.Infrastructure.Telegram;

/// <summary>
/// Direct answers to a person's own action (a command, a tap). They skip the outbox because the
/// person is waiting, but still respect the shared rate budget.
/// </summary>
public sealed class BotReplies(ITelegramBotClient bot, TelegramRateLimiter limiter)
{
    public async Task SendTextAsync(long chatId, string text, CancellationToken ct, InlineKeyboardMarkup? keyboard = null)
    {
        await limiter.AcquireAsync(chatId, ct);
        await bot.SendMessage(chatId, text, replyMarkup: keyboard, cancellationToken: ct);
    }

    public async Task EditTextAsync(long chatId, int messageId, string text, CancellationToken ct, InlineKeyboardMarkup? keyboard = null)
    {
        await limiter.AcquireAsync(chatId, ct);
        await bot.EditMessageText(chatId, messageId, text, replyMarkup: keyboard, cancellationToken: ct);
    }

    public async Task SendPhotoAsync(long chatId, byte[] png, string caption, CancellationToken ct)
    {
        await limiter.AcquireAsync(chatId, ct);
        using var stream = new MemoryStream(png);
        await bot.SendPhoto(chatId, InputFile.FromStream(stream, "chart.png"), caption: caption, cancellationToken: ct);
    }

    public async Task SendDocumentAsync(long chatId, string fileName, byte[] content, string caption, CancellationToken ct)
    {
        await limiter.AcquireAsync(chatId, ct);
        using var stream = new MemoryStream(content);
        await bot.SendDocument(chatId, InputFile.FromStream(stream, fileName), caption: caption, cancellationToken: ct);
    }

    /// <summary>
    /// Shows <paramref name="action"/> ("typing…") until the scope is disposed. Not a message, so it
    /// spends none of the rate budget.
    /// </summary>
    public Task<ChatActionScope> KeepChatActionAsync(long chatId, ChatAction action, CancellationToken ct) =>
        ChatActionScope.StartAsync(bot, chatId, action, ct);

    /// <summary>Stops the button's spinner; Telegram does not count it against the message rate.</summary>
    public Task AnswerCallbackAsync(string callbackQueryId, string? text, CancellationToken ct) =>
        bot.AnswerCallbackQuery(callbackQueryId, text, cancellationToken: ct);
}
