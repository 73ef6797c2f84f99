using Telegram.Bot.Types.ReplyMarkups;

namespace Mindguard.Infrastructure.Telegram.Outbox;

/// <summary>
/// What a queued message says. Stored as JSON in Telegram's own wire format, so the keyboard is
/// exactly what Telegram will receive.
/// </summary>
/// <param name="Text">What the person reads.</param>
/// <param name="Keyboard">Inline buttons under the message, if any.</param>
/// <param name="Broadcast">A proactive message to many people (check-in prompts, summaries): may use paid broadcast.</param>
public sealed record OutboxPayload(string Text, InlineKeyboardMarkup? Keyboard = null, bool Broadcast = false);

/// <summary>A claimed row, ready to send.</summary>
public sealed record OutboxRow(long Id, long ChatId, Guid? UserId, string Payload, int Attempts);

/// <summary>Which messages are claimed first. Safety messages also have a claiming loop of their own.</summary>
public enum OutboxLane : short
{
    /// <summary>Crisis resources, "talk to someone now", alerts to care contacts, consent questions.</summary>
    Safety = 0,
    /// <summary>Replies to a person's own action that could not go out at once.</summary>
    Interactive = 1,
    /// <summary>Check-in prompts, reminders, summaries and other messages nobody is waiting for.</summary>
    Bulk = 2,
}
