using Mindguard.Features.Status;
using Mindguard.Features.Status.Metrics;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Consequences;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Checkin;

/// <summary>What a check-in stores, always as the person themselves (row-level security applies).</summary>
public sealed class CheckinStore(NpgsqlDataSource db, PersonCipher cipher)
{
    private static readonly string EnsureDaySql = Sql.Load<CheckinStore>("EnsureCheckinDay");
    private static readonly string DayStateSql = Sql.Load<CheckinStore>("GetCheckinDay");
    private static readonly string InsertAnswerSql = Sql.Load<CheckinStore>("InsertAnswer");
    private static readonly string CompleteSql = Sql.Load<CheckinStore>("CompleteCheckinDay");
    private static readonly string UpsertNoteSql = Sql.Load<CheckinStore>("UpsertNote");
    private static readonly string MoodSql = Sql.Load<CheckinStore>("GetMoodComparison");
    private static readonly string ReplaceAnswerSql = Sql.Load<CheckinStore>("ReplaceAnswer");
    private static readonly string StoredAnswerSql = Sql.Load<CheckinStore>("GetStoredAnswer");

    public sealed record DayState(bool Completed, IReadOnlySet<string> Answered);

    /// <summary>What the end of a check-in shows: today's mood against the 7 days before, and the estimates a deep check is offered on.</summary>
    public sealed record DayEnd(double? MoodToday, double? MoodWeekAverage, double? Phq9, double? Gad7);

    /// <param name="Stored">The question ids stored now (not before).</param>
    /// <param name="End">When the answers completed the day.</param>
    public sealed record SavedAnswers(IReadOnlySet<string> Stored, DayEnd? End);

    public async Task<DayState> DayAsync(Member member, DateOnly date, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        var row = await session.Connection.QuerySingleAsync<(bool Completed, string[] Answered)>(
            session.Command(DayStateSql, new { userId = member.Id, date }, ct));
        return new DayState(row.Completed, row.Answered.ToHashSet());
    }

    public async Task EnsureDayAsync(Member member, DateOnly date, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        await session.Connection.ExecuteAsync(session.Command(EnsureDaySql, new { userId = member.Id, date }, ct));
        await session.CommitAsync(ct);
    }

    /// <summary>
    /// Stores answers for a day, each unless that question was already answered, and brings the day's
    /// estimates up to date in the same transaction (also when nothing was new: a redelivery after a
    /// failure must still leave them current). A null value is a question the person preferred not to
    /// answer: stored as skipped, with no score, so it moves the day on but never counts. What the
    /// answers set in motion is recorded in the same transaction: a crisis for a non-zero PHQ-9 item 9,
    /// and, when <paramref name="completesDay"/>, the day's completion with its alert evaluation and
    /// early-signal check, read back with what the end of the check-in shows, all in the one transaction
    /// (the last answer's round trips are the webhook's budget).
    /// </summary>
    public async Task<SavedAnswers> SaveAnswersAsync(Member member, DateOnly date, IEnumerable<(string QuestionId, int? Value)> answers,
        bool completesDay, CancellationToken ct)
    {
        var stored = new HashSet<string>();
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        foreach (var (questionId, value) in answers)
        {
            var question = Bank.QuestionBank.Instance[questionId];
            var inserted = await session.Connection.ExecuteAsync(session.Command(InsertAnswerSql, AnswerRow(member, date, question, value), ct));
            if (inserted != 1) continue;
            stored.Add(questionId);
            if (value is { } v && DeepCheck.OpensCrisisPath(question, v))
                await Consequences.RecordAsync(session, member.Id, ConsequenceKinds.Crisis, ConsequenceKinds.AnswerKey(date, questionId), date, ct);
        }
        var end = await BringDayUpToDateAsync(session, member, date, completesDay, ct);
        await session.CommitAsync(ct);
        return new SavedAnswers(stored, end);
    }

    /// <summary>
    /// Replaces an answer given earlier in the open check-in ("change my last answer"), re-scored, if it
    /// is still <paramref name="previous"/> (what the person saw when they chose to change it), so a
    /// double tap or a redelivery replaces it once. A change to a non-zero PHQ-9 item 9 opens the crisis
    /// path; a change back to zero does not close one already opened: the person has told us once, and
    /// a crisis path is never undone by a later tap. When the day was already complete, its alert
    /// evaluation and early-signal check are recorded again for the changed answer (both are at most once
    /// per rule or fortnight, so a second look only sees the truer answers).
    /// </summary>
    public async Task<SavedAnswers> ChangeAnswerAsync(Member member, DateOnly date, string questionId, int? value, int? previous,
        bool completesDay, CancellationToken ct)
    {
        var question = Bank.QuestionBank.Instance[questionId];
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        var changedAt = await session.Connection.QuerySingleOrDefaultAsync<DateTime?>(session.Command(ReplaceAnswerSql,
            new { userId = member.Id, date, questionId, value, metric = question.Metric, item = question.Item, score = Score(question, value), previous }, ct));
        if (changedAt is { } at)
        {
            if (value is { } v && DeepCheck.OpensCrisisPath(question, v))
                await Consequences.RecordAsync(session, member.Id, ConsequenceKinds.Crisis, ConsequenceKinds.AnswerKey(date, questionId), date, ct);
            if (completesDay)
                await Consequences.RecordAsync(session, member.Id, [ConsequenceKinds.EvaluateAlerts, ConsequenceKinds.EarlySignal],
                    ConsequenceKinds.ChangedAnswerKey(date, questionId, at), date, ct);
        }
        var end = await BringDayUpToDateAsync(session, member, date, completesDay, ct);
        await session.CommitAsync(ct);
        return new SavedAnswers(changedAt is null ? new HashSet<string>() : [questionId], end);
    }

    /// <summary>The value stored for a question of the day: null when it was skipped or is not there.</summary>
    public async Task<int?> StoredValueAsync(Member member, DateOnly date, string questionId, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        return await session.Connection.QuerySingleOrDefaultAsync<int?>(session.Command(StoredAnswerSql, new { userId = member.Id, date, questionId }, ct));
    }

    private static object AnswerRow(Member member, DateOnly date, Bank.Question question, int? value) =>
        new { userId = member.Id, date, questionId = question.Id, value, metric = question.Metric, item = question.Item, score = Score(question, value) };

    private static int? Score(Bank.Question question, int? value) => value is { } v ? question.Score(v) : null;

    /// <summary>The day's estimates as the answers now stand, and its completion when these answers complete it.</summary>
    private static async Task<DayEnd?> BringDayUpToDateAsync(DbSession session, Member member, DateOnly date, bool completesDay, CancellationToken ct)
    {
        var estimates = await EstimateRecorder.RecordAsync(session, member.Id, member.Cadence, date, ct);
        if (!completesDay) return null;
        await CompleteAsync(session, member, date, ct);
        var (today, week) = await MoodAsync(session, member, date, ct);
        return new DayEnd(today, week, estimates[Metric.Phq9], estimates[Metric.Gad7]);
    }

    public async Task CompleteAsync(Member member, DateOnly date, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        await CompleteAsync(session, member, date, ct);
        await session.CommitAsync(ct);
    }

    /// <summary>A completed day and what follows from it, recorded together (a redelivery records nothing twice).</summary>
    private static async Task CompleteAsync(DbSession session, Member member, DateOnly date, CancellationToken ct)
    {
        await session.Connection.ExecuteAsync(session.Command(CompleteSql, new { userId = member.Id, date }, ct));
        await Consequences.RecordAsync(session, member.Id, [ConsequenceKinds.EvaluateAlerts, ConsequenceKinds.EarlySignal], ConsequenceKinds.DayKey(date), date, ct);
    }

    public static string NoteContext(Guid userId, DateOnly date) => PersonCipher.CheckinNoteContext(userId, date);

    /// <summary>
    /// The note is encrypted under the person's own key before it leaves the process, and its screening
    /// for risk is recorded with it; <paramref name="messageId"/> tells a redelivery from a new note.
    /// </summary>
    public async Task SaveNoteAsync(Member member, DateOnly date, string text, long messageId, CancellationToken ct)
    {
        var note = cipher.Encrypt(member.Id, member.DataKey!, text, NoteContext(member.Id, date));
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        await session.Connection.ExecuteAsync(session.Command(UpsertNoteSql, new { userId = member.Id, date, note }, ct));
        await Consequences.RecordAsync(session, member.Id, ConsequenceKinds.ScreenNote, $"{ConsequenceKinds.NoteKey(date)}:{messageId}", date, ct);
        await session.CommitAsync(ct);
    }

    /// <summary>The end of a day already completed (a redelivered last answer whose reply was lost), read anew.</summary>
    public async Task<DayEnd> DayEndAsync(Member member, DateOnly date, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        var (today, week) = await MoodAsync(session, member, date, ct);
        var (phq9, gad7) = await EstimateRecorder.DepressionAnxietyAsync(session, member.Id, date, ct);
        return new DayEnd(today, week, phq9, gad7);
    }

    /// <summary>Today's mood and the average of the 7 days before, on the 1–5 scale.</summary>
    private static Task<(double? Today, double? WeekAverage)> MoodAsync(DbSession session, Member member, DateOnly date, CancellationToken ct) =>
        session.Connection.QuerySingleAsync<(double?, double?)>(session.Command(MoodSql, new { userId = member.Id, date }, ct));
}
