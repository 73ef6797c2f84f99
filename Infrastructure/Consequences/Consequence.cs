using Mindguard.Infrastructure.Database;

namespace Mindguard.Infrastructure.Consequences;

/// <summary>
/// The kinds of consequence a slice may record. The recording slice names what happened; the slice that
/// registered an <see cref="IConsequenceHandler"/> for the kind decides what follows.
/// </summary>
public static class ConsequenceKinds
{
    /// <summary>Someone may be at risk: crisis resources now, a follow-up tomorrow. The key names the source.</summary>
    public const string Crisis = "crisis";

    /// <summary>A day's check-in was completed: the alert rules look at the person's estimates.</summary>
    public const string EvaluateAlerts = "evaluate_alerts";

    /// <summary>A day's check-in was completed: is the person noticeably below their own normal?</summary>
    public const string EarlySignal = "early_signal";

    /// <summary>A written check-in note to screen for risk.</summary>
    public const string ScreenNote = "screen_note";

    /// <summary>What may open the crisis path: claimed before any other kind, however old the others are.</summary>
    public static readonly string[] Urgent = [Crisis, ScreenNote];

    /// <summary>The dedupe key of a crisis raised by an answer, so a redelivered tap finds it recorded.</summary>
    public static string AnswerKey(DateOnly date, string questionId) => $"answer:{date:yyyy-MM-dd}:{questionId}";

    /// <summary>The dedupe key of a crisis raised by a voice note (its Telegram message).</summary>
    public static string VoiceKey(long telegramMessageId) => $"voice:{telegramMessageId}";

    /// <summary>The dedupe key of a crisis raised by the note of a day.</summary>
    public static string NoteKey(DateOnly date) => $"note:{date:yyyy-MM-dd}";

    /// <summary>The dedupe key of what a completed day sets going.</summary>
    public static string DayKey(DateOnly date) => $"day:{date:yyyy-MM-dd}";

    /// <summary>The dedupe key of a completed day's second look after one of its answers changed (each change is its own).</summary>
    public static string ChangedAnswerKey(DateOnly date, string questionId, DateTime changedAt) =>
        $"day:{date:yyyy-MM-dd}:changed:{questionId}:{changedAt.Ticks}";
}

/// <summary>A claimed consequence, ready to carry out.</summary>
/// <param name="Attempts">Including this one.</param>
public sealed record Consequence(long Id, Guid UserId, string Kind, string DedupeKey, DateOnly LocalDate, int Attempts);

/// <summary>
/// Carries out one kind of consequence. Everything it writes goes through the <c>session</c> it is given
/// (the system's transaction), which also marks the consequence done: either all of it happens once,
/// or none of it and the worker tries again.
/// </summary>
public interface IConsequenceHandler
{
    string Kind { get; }

    Task HandleAsync(DbSession session, Consequence consequence, CancellationToken ct);
}
