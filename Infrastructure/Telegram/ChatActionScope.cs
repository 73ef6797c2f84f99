using Telegram.Bot;
using Telegram.Bot.Types.Enums;

namespace Mindguard.Infrastructure.Telegram;

/// <summary>
/// Keeps a chat action ("typing…") visible while slow work runs. Telegram clears an action after about
/// five seconds, so it is repeated until the scope is disposed. It is a courtesy: a failure to send it is
/// ignored and never fails the work it decorates.
/// </summary>
public sealed class ChatActionScope : IAsyncDisposable
{
    private static readonly TimeSpan Repeat = TimeSpan.FromSeconds(4);

    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ChatActionScope(ITelegramBotClient bot, long chatId, ChatAction action) =>
        _loop = RepeatAsync(bot, chatId, action, _stop.Token);

    /// <summary>Sends the action once (so it shows before the work begins), then keeps it up in the background.</summary>
    public static async Task<ChatActionScope> StartAsync(ITelegramBotClient bot, long chatId, ChatAction action, CancellationToken ct)
    {
        await SendAsync(bot, chatId, action, ct);
        return new ChatActionScope(bot, chatId, action);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private static async Task RepeatAsync(ITelegramBotClient bot, long chatId, ChatAction action, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await Task.Delay(Repeat, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await SendAsync(bot, chatId, action, ct);
        }
    }

    private static async Task SendAsync(ITelegramBotClient bot, long chatId, ChatAction action, CancellationToken ct)
    {
        try
        {
            await bot.SendChatAction(chatId, action, cancellationToken: ct);
        }
        catch (Exception)
        {
            // Deliberately ignored: a missing "typing…" hint is harmless, a failed note is not.
        }
    }
}
