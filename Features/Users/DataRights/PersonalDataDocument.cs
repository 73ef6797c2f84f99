namespace Mindguard.Features.Users.DataRights;

/// <summary>
/// Everything Mindguard keeps about a person, decrypted: the one schema of <c>/export</c> and <c>GET /api/me/export</c>,
/// documented field by field in docs/export-schema.md. Each part is filled by the feature that stores it
/// (<see cref="IPersonalDataSection"/>); the types live here so the schema is one contract, whichever slice fills it.
/// </summary>
public sealed class PersonalDataDocument
{
    public DateTimeOffset ExportedAt { get; init; }
    public ExportedProfile Profile { get; set; } = null!;
    public ExportedSettings Settings { get; set; } = null!;
    public IReadOnlyList<ExportedApiKey> ApiKeys { get; set; } = [];
    /// <summary>Who else read your data or acted about you (the same entries as <c>GET /api/me/access-log</c>).</summary>
    public IReadOnlyList<ExportedAccess> AccessLog { get; set; } = [];
    /// <summary>What you did as a manager or admin, as the organisation's audit log records it.</summary>
    public IReadOnlyList<ExportedAct> OwnActs { get; set; } = [];
    public ExportedCheckins Checkins { get; set; } = null!;
    /// <summary>Your 14-day estimates as of each day you answered.</summary>
    public IReadOnlyList<ExportedEstimate> Estimates { get; set; } = [];
    /// <summary>Which team you belonged to when: aggregates of a period count the people who were members then.</summary>
    public IReadOnlyList<ExportedMembership> Memberships { get; set; } = [];
    /// <summary>Closed periods whose published team aggregates count your answers (never which numbers were yours).</summary>
    public IReadOnlyList<ExportedAggregateCount> CountedInAggregates { get; set; } = [];
    /// <summary>Alerts raised about you, with their trail.</summary>
    public IReadOnlyList<ExportedAlert> Alerts { get; set; } = [];
    /// <summary>The daily follow-up after the crisis path opened for you; null if it never did.</summary>
    public ExportedCrisisFollowUp? CrisisFollowUp { get; set; }
    /// <summary>When you last got a private early-signal message; null if never.</summary>
    public ExportedEarlySignal? EarlySignal { get; set; }
    /// <summary>Work your answers set in motion (a completed day to evaluate, a crisis opened, a note to screen).</summary>
    public IReadOnlyList<ExportedProcessing> Processing { get; set; } = [];
    public IReadOnlyList<ExportedVoiceNote> VoiceNotes { get; set; } = [];
}

/// <param name="DisplayName">Decrypted with your data key.</param>
/// <param name="DeactivatedAt">When an admin deactivated you; null if they did not.</param>
/// <param name="ConsentVersion">The version of the terms you agreed to (see /privacy); null if you have not agreed.</param>
/// <param name="ConsentedAt">When you agreed to them.</param>
/// <param name="AgreedClauses">Which variant of each part of the terms you agreed to, e.g. <c>{"voice": "ai:api.example.com"}</c>: the AI server your voice messages may go to; null if none was recorded.</param>
public sealed record ExportedProfile(
    Guid Id, long? TelegramId, string? DisplayName, string Role, string? TeamName, bool Active, DateTime? DeactivatedAt, DateTime CreatedAt,
    string? ConsentVersion, DateTime? ConsentedAt, IReadOnlyDictionary<string, string>? AgreedClauses);

/// <param name="CheckinTime">Local time, <c>HH:mm</c>.</param>
/// <param name="VoiceAnalysis">Whether your voice messages are transcribed and analysed (the /settings switch).</param>
public sealed record ExportedSettings(
    string Language, string TimeZone, string CheckinTime, bool WeekdaysOnly, string Cadence, DateOnly? PausedUntil, bool VoiceAnalysis);

/// <summary>Never the key itself: only its hash is stored, and the hash is not exported.</summary>
public sealed record ExportedApiKey(string Name, string DisplayPrefix, DateTime CreatedAt, DateTime? RevokedAt);

/// <param name="Detail">For acts about you, what was done, e.g. the level, metric and date your care contacts were told.</param>
public sealed record ExportedAccess(string ReaderRole, string What, System.Text.Json.JsonElement? Detail, DateTime ReadAt);

/// <param name="Action"><c>thing.verb</c>, as in <c>GET /api/org/audit-log</c>.</param>
/// <param name="TargetId">The key, team, invite, webhook, alert or post acted on.</param>
public sealed record ExportedAct(string Action, Guid? TargetId, DateTime At);

/// <param name="DeepCheckOfferedOn">When the full PHQ-9 and GAD-7 were last offered to you (remembered for 14 days); null if not lately.</param>
public sealed record ExportedCheckins(
    IReadOnlyList<ExportedCheckinDay> Days, IReadOnlyList<ExportedAnswer> Answers, IReadOnlyList<ExportedNote> Notes, DateOnly? DeepCheckOfferedOn);

public sealed record ExportedCheckinDay(DateOnly LocalDate, DateTime? PromptedAt, DateTime? RemindedAt, DateTime? CompletedAt);

/// <param name="Value">The option chosen; null when you preferred not to answer.</param>
/// <param name="Skipped">True when you preferred not to answer: kept, never scored.</param>
/// <param name="Score">The answer's score in its instrument's direction (reverse-worded items reversed); null when skipped.</param>
public sealed record ExportedAnswer(DateOnly LocalDate, string QuestionId, int? Value, bool Skipped, string Metric, int? Item, int? Score, DateTime AnsweredAt);

/// <param name="Text">Decrypted; null only if the stored value failed its integrity check.</param>
public sealed record ExportedNote(DateOnly LocalDate, string? Text, DateTime CreatedAt);

/// <summary>Null where there was not enough data for that estimate that day.</summary>
public sealed record ExportedEstimate(DateOnly LocalDate, double? Who5, double? Phq9, double? Gad7, double? Burnout, double? Stress,
    double? SleepHours, double? SleepQuality, double? Wlb, double? Mood);

/// <param name="ValidFrom">Null: since you joined.</param>
/// <param name="ValidTo">Null: still a member.</param>
public sealed record ExportedMembership(string? TeamName, DateTime? ValidFrom, DateTime? ValidTo);

/// <param name="Metrics">The metrics your answers in the period counted in, e.g. <c>who5</c>.</param>
public sealed record ExportedAggregateCount(string Granularity, DateOnly PeriodStart, IReadOnlyList<string> Metrics);

/// <param name="Rule">critical, warning or talk_now.</param>
/// <param name="Status">awaiting_consent, open, acknowledged or resolved.</param>
public sealed record ExportedAlert(Guid Id, string Rule, string Metric, string Level, DateOnly Since, string Status, DateTime RaisedAt,
    DateTime? AcknowledgedAt, DateTime? ResolvedAt, DateTime? EscalatedAt, IReadOnlyList<ExportedAlertEvent> Events);

/// <param name="By"><c>you</c>, <c>system</c>, or <c>care_contact</c> (someone allowed to act on the alert).</param>
public sealed record ExportedAlertEvent(string Action, string By, DateTime At);

/// <param name="BetterDays">Days you said you felt better (two close the follow-up).</param>
/// <param name="AwaitingAnswer">Whether the last follow-up message is still unanswered.</param>
public sealed record ExportedCrisisFollowUp(DateTime NextAt, int BetterDays, DateOnly? LastBetterOn, bool AwaitingAnswer, DateTime? ClosedAt);

public sealed record ExportedEarlySignal(DateOnly LastSentOn);

/// <param name="Kind">What was set in motion, e.g. a completed day or a crisis opened.</param>
public sealed record ExportedProcessing(string Kind, DateOnly LocalDate, string Status, DateTime CreatedAt, DateTime? FinishedAt);

/// <param name="Transcript">Decrypted; null only if the stored value failed its integrity check.</param>
public sealed record ExportedVoiceNote(Guid Id, DateTime CreatedAt, int DurationSeconds, string? Transcript, IReadOnlyList<string>? Topics,
    int Mood, int Stress, bool SelfHarmRisk);
