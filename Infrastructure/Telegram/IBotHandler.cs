using Telegram.Bot.Types;

namespace Mindguard.Infrastructure.Telegram;

/// <summary>What kinds of update a handler owns; the router dispatches on these.</summary>
public sealed record BotRoute
{
    /// <summary>Commands with the slash, e.g. <c>/help</c>.</summary>
    public IReadOnlyList<string> Commands { get; init; } = [];

    /// <summary>Callback-data prefixes before the first colon, e.g. <c>ci</c> for <c>ci:v1:…</c>.</summary>
    public IReadOnlyList<string> CallbackPrefixes { get; init; } = [];

    /// <summary>Set by the one handler that takes voice notes and audio files.</summary>
    public bool Voice { get; init; }

    /// <summary>Conversations (see <see cref="Conversations"/>) whose plain text replies this handler takes.</summary>
    public IReadOnlyList<string> Conversations { get; init; } = [];
}

/// <summary>A feature's entry point for Telegram updates.</summary>
public interface IBotHandler
{
    BotRoute Route { get; }

    Task HandleAsync(BotRequest request, CancellationToken ct);
}

/// <summary>The update plus what every handler needs to know about who sent it.</summary>
public sealed record BotRequest(Update Update, long ChatId, long TelegramUserId, string Language, string? Command, string Arguments)
{
    public Message? Message => Update.Message;
    public CallbackQuery? Callback => Update.CallbackQuery;
    public User? From => Update.Message?.From ?? Update.CallbackQuery?.From;

    /// <summary>The name Telegram shows for the person (first and last name).</summary>
    public string DisplayName => From is { } user ? $"{user.FirstName} {user.LastName}".Trim() : "";
}

/// <summary>
/// Asked before any handler sees a private update; false means the gate answered (or silenced) it
/// itself. A feature's rule about who may talk to the bot at all lives in that feature, not here.
/// </summary>
public interface IUpdateGate
{
    Task<bool> AdmitAsync(Update update, CancellationToken ct);
}
