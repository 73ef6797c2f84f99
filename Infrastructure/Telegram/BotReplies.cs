using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Mindguard.Infrastructure.Telegram;

/// <summary>
/// Direct answers to a person's own action (a command, a tap). They skip the outbox because the
/// person is waiting, but still respect the shared rate budget. Each call has a short time budget; a
/// call that overruns it fails as a <see cref="TimeoutException"/>, which is transient, so the update
/// is answered 503 and redelivered rather than dead-lettered.
/// </summary>
public sealed class BotReplies(ITelegramBotClient bot, TelegramRateLimiter limiter, IOptions<TelegramOptions> options, ILogger<BotReplies> logger)
{
    public async Task SendTextAsync(long chatId, string text, CancellationToken ct, InlineKeyboardMarkup? keyboard = null)
    {
        await limiter.AcquireAsync(chatId, ct);
        await WithinBudgetAsync(token => bot.SendMessage(chatId, text, replyMarkup: keyboard, cancellationToken: token), ct);
    }

    /// <summary>
    /// Edits a message the bot sent. Telegram refusing the edit (the message is gone, or already says
    /// this) changes nothing for the person, so it is logged and passed over; a transient failure is not.
    /// </summary>
    public async Task EditTextAsync(long chatId, int messageId, string text, CancellationToken ct, InlineKeyboardMarkup? keyboard = null)
    {
        await limiter.AcquireAsync(chatId, ct);
        try
        {
            await WithinBudgetAsync(token => bot.EditMessageText(chatId, messageId, text, replyMarkup: keyboard, cancellationToken: token), ct);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 400)
        {
            logger.LogInformation("Telegram refused an edit: {Reason}", ex.Message);
        }
    }

    public async Task SendPhotoAsync(long chatId, byte[] png, string caption, CancellationToken ct)
    {
        await limiter.AcquireAsync(chatId, ct);
        using var stream = new MemoryStream(png);
        await WithinBudgetAsync(token => bot.SendPhoto(chatId, InputFile.FromStream(stream, "chart.png"), caption: caption, cancellationToken: token), ct);
    }

    public async Task SendDocumentAsync(long chatId, string fileName, byte[] content, string caption, CancellationToken ct)
    {
        await limiter.AcquireAsync(chatId, ct);
        using var stream = new MemoryStream(content);
        await WithinBudgetAsync(token => bot.SendDocument(chatId, InputFile.FromStream(stream, fileName), caption: caption, cancellationToken: token), ct);
    }

    /// <summary>
    /// Shows <paramref name="action"/> ("typing…") until the scope is disposed. Not a message, so it
    /// spends none of the rate budget.
    /// </summary>
    public Task<ChatActionScope> KeepChatActionAsync(long chatId, ChatAction action, CancellationToken ct) =>
        ChatActionScope.StartAsync(bot, chatId, action, ct);

    /// <summary>
    /// Stops the button's spinner; Telegram does not count it against the message rate. It is cosmetic,
    /// so no failure of it (a 429, a 5xx, "query is too old" on a late redelivery) may stop the work the
    /// tap asked for.
    /// </summary>
    public async Task AnswerCallbackAsync(string callbackQueryId, string? text, CancellationToken ct)
    {
        try
        {
            await WithinBudgetAsync(token => bot.AnswerCallbackQuery(callbackQueryId, text, cancellationToken: token), ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogInformation("Could not answer a callback query: {Reason}", ex is ApiRequestException api ? api.Message : ex.GetType().Name);
        }
    }

    private async Task WithinBudgetAsync(Func<CancellationToken, Task> call, CancellationToken ct)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(TimeSpan.FromSeconds(options.Value.ReplyTimeoutSeconds));
        try
        {
            await call(budget.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or RequestException && budget.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"Telegram did not answer within {options.Value.ReplyTimeoutSeconds} s", ex);
        }
    }
}
