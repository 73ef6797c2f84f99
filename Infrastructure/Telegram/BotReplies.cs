using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Telegram.Outbox;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Mindguard.Infrastructure.Telegram;

/// <summary>
/// Direct answers to a person's own action (a command, a tap). They go out at once when the shared rate
/// budget has room now; otherwise (the bot's budget spent, the chat's spent, a 429) the reply is queued
/// in the outbox's interactive lane, before any broadcast, and the request returns at once: a reply
/// never holds a webhook request waiting for the budget. Each call has a short time budget; a call that
/// overruns it fails as a <see cref="TimeoutException"/>, which is transient, so the update is answered
/// 503 and redelivered rather than dead-lettered (Telegram may have shown it, so it is not queued).
/// </summary>
public sealed class BotReplies(
    ITelegramBotClient bot, TelegramRateLimiter limiter, NpgsqlDataSource db, IOptions<TelegramOptions> options, ILogger<BotReplies> logger)
{
    public async Task SendTextAsync(long chatId, string text, CancellationToken ct, InlineKeyboardMarkup? keyboard = null)
    {
        if (await limiter.TryTakeReplySlotAsync(chatId) is { } slot)
        {
            await using var answered = slot;
            try
            {
                await WithinBudgetAsync(token => bot.SendMessage(chatId, text, replyMarkup: keyboard, cancellationToken: token), ct);
                return;
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                // Telegram counts per bot as well as per chat and does not say which: everyone waits, as the outbox does.
                await limiter.PauseAsync(TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1)));
            }
        }
        await QueueAsync(chatId, new OutboxPayload(text, keyboard), ct);
    }

    private async Task QueueAsync(long chatId, OutboxPayload payload, CancellationToken ct)
    {
        await limiter.MarkQueuedAsync(chatId);
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        await Outbox.Outbox.EnqueueAsync(session, chatId, null, payload, ct, lane: OutboxLane.Interactive);
        await session.CommitAsync(ct);
    }

    public async Task EditTextAsync(long chatId, int messageId, string text, CancellationToken ct, InlineKeyboardMarkup? keyboard = null)
    {
        await using var slot = await limiter.AcquireAsync(chatId, ct);
        try
        {
            await WithinBudgetAsync(token => bot.EditMessageText(chatId, messageId, text, replyMarkup: keyboard, cancellationToken: token), ct);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 400)
        {
            logger.LogInformation("Telegram refused an edit: {Reason}", ex.Message);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 429)
        {
            await limiter.PauseAsync(TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1)));
            logger.LogInformation("An edit was left out: Telegram asked to slow down");
        }
    }

    public async Task SendPhotoAsync(long chatId, byte[] png, string caption, CancellationToken ct)
    {
        await using var slot = await limiter.AcquireAsync(chatId, ct);
        using var stream = new MemoryStream(png);
        await WithinBudgetAsync(token => bot.SendPhoto(chatId, InputFile.FromStream(stream, "chart.png"), caption: caption, cancellationToken: token), ct);
    }

    public async Task SendDocumentAsync(long chatId, string fileName, byte[] content, string caption, CancellationToken ct)
    {
        await using var slot = await limiter.AcquireAsync(chatId, ct);
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
