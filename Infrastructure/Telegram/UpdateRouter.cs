using Mindguard.Infrastructure.Localization;
using Telegram.Bot.Types;

namespace Mindguard.Infrastructure.Telegram;

/// <summary>
/// Sends each update to the handler that owns its command, callback prefix or message kind.
/// Anything no handler owns still gets an answer: people should never meet silence.
/// </summary>
public sealed class UpdateRouter
{
    private readonly Dictionary<string, IBotHandler> _commands = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IBotHandler> _callbacks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IBotHandler> _conversations = new(StringComparer.Ordinal);
    private readonly IBotHandler? _voice;
    private readonly BotReplies _replies;
    private readonly Conversations _open;
    private readonly IUpdateGate[] _gates;

    public UpdateRouter(IEnumerable<IBotHandler> handlers, BotReplies replies, Conversations open, IEnumerable<IUpdateGate> gates)
    {
        _replies = replies;
        _open = open;
        _gates = gates.ToArray();
        foreach (var handler in handlers)
        {
            foreach (var command in handler.Route.Commands) _commands.Add(command, handler);
            foreach (var prefix in handler.Route.CallbackPrefixes) _callbacks.Add(prefix, handler);
            foreach (var conversation in handler.Route.Conversations) _conversations.Add(conversation, handler);
            if (handler.Route.Voice) _voice = handler;
        }
    }

    public async Task RouteAsync(Update update, CancellationToken ct)
    {
        // Everything Mindguard says is personal: in a group it would show one person's scores, questions
        // or wall draft to colleagues. Commands there get a pointer to the private chat; the rest is ignored.
        var chat = update.Message?.Chat ?? update.CallbackQuery?.Message?.Chat;
        if (chat is not null && chat.Type != global::Telegram.Bot.Types.Enums.ChatType.Private)
        {
            var from = update.Message?.From ?? update.CallbackQuery?.From;
            var hint = Catalogue.Instance.Get(Msg.PrivateOnly, from?.LanguageCode);
            if (update.CallbackQuery is { } tap) await _replies.AnswerCallbackAsync(tap.Id, hint, ct);
            else if (update.Message?.Text?.StartsWith('/') == true) await _replies.SendTextAsync(chat.Id, hint, ct);
            return;
        }

        foreach (var gate in _gates)
        {
            if (!await gate.AdmitAsync(update, ct)) return;
        }

        if (update is { Message: { Text: { } plain, From: { } author } textMessage } && !plain.StartsWith('/')
            && await _open.CurrentAsync(author.Id) is { } conversation && _conversations.TryGetValue(conversation, out var listener))
        {
            await listener.HandleAsync(Request(update, textMessage.Chat.Id, author, null, plain), ct);
            return;
        }
        await RouteByKindAsync(update, ct);
    }

    private Task RouteByKindAsync(Update update, CancellationToken ct)
    {
        switch (update)
        {
            case { Message: { Text: { } text, From: { } from } message } when text.StartsWith('/'):
                var (command, arguments) = SplitCommand(text);
                var request = Request(update, message.Chat.Id, from, command, arguments);
                return _commands.TryGetValue(command, out var commandHandler)
                    ? commandHandler.HandleAsync(request, ct)
                    : _replies.SendTextAsync(request.ChatId, Catalogue.Instance.Get(Msg.UnknownCommand, request.Language), ct);

            case { CallbackQuery: { Data: { } data, From: { } from, Message: { } message } }:
                var prefix = data.Split(':', 2)[0];
                return _callbacks.TryGetValue(prefix, out var callbackHandler)
                    ? callbackHandler.HandleAsync(Request(update, message.Chat.Id, from, null, data), ct)
                    : _replies.AnswerCallbackAsync(update.CallbackQuery.Id, Catalogue.Instance.Get(Msg.UnknownInput, from.LanguageCode), ct);

            case { Message: { From: { } from } message } when (message.Voice ?? (object?)message.Audio) is not null && _voice is not null:
                return _voice.HandleAsync(Request(update, message.Chat.Id, from, null, ""), ct);

            case { Message: { From: { } from, Chat.Type: global::Telegram.Bot.Types.Enums.ChatType.Private } message }:
                return _replies.SendTextAsync(message.Chat.Id, Catalogue.Instance.Get(Msg.UnknownInput, from.LanguageCode), ct);

            default:
                // Edited messages, channel posts and kinds we do not use are acknowledged and ignored.
                return Task.CompletedTask;
        }
    }

    private static BotRequest Request(Update update, long chatId, User from, string? command, string arguments) =>
        new(update, chatId, from.Id, Catalogue.Normalise(from.LanguageCode), command, arguments);

    /// <summary><c>/start@MindguardBot abc</c> → (<c>/start</c>, <c>abc</c>).</summary>
    internal static (string Command, string Arguments) SplitCommand(string text)
    {
        var parts = text.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var command = parts[0].Split('@', 2)[0].ToLowerInvariant();
        return (command, parts.Length > 1 ? parts[1] : "");
    }
}
