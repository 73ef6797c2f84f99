using Mindguard.Features.Status.Metrics;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Status;

/// <summary>
/// Keeps <c>daily_estimates</c> current: whenever someone's answers for a day change, the metric engine
/// recomputes their estimates as of that day. Features that store answers call this after storing them.
/// </summary>
public sealed class EstimateRecorder(NpgsqlDataSource db)
{
    private static readonly string AnswersSql = Sql.Load<EstimateRecorder>("GetScoredAnswersUntil");
    private static readonly string UpsertSql = Sql.Load<EstimateRecorder>("UpsertDailyEstimate");
    private static readonly string DepressionAnxietySql = Sql.Load<EstimateRecorder>("GetDepressionAnxiety");

    /// <summary>The PHQ-9 and GAD-7 estimates recorded for a day, if any.</summary>
    public static Task<(double? Phq9, double? Gad7)> DepressionAnxietyAsync(DbSession session, Guid userId, DateOnly date, CancellationToken ct) =>
        session.Connection.QuerySingleOrDefaultAsync<(double?, double?)>(session.Command(DepressionAnxietySql, new { userId, date }, ct));

    public async Task RecordAsync(Actor actor, Guid userId, DateOnly date, CancellationToken ct, string cadence = "daily")
    {
        await using var session = await db.OpenSessionAsync(actor, ct);
        await RecordAsync(session, userId, cadence, date, ct);
        await session.CommitAsync(ct);
    }

    /// <summary>
    /// In the caller's transaction, so the answers and the estimates they change are stored together.
    /// Returns the estimates stored, so the caller needs no second read of them.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, double?>> RecordAsync(DbSession session, Guid userId, string cadence, DateOnly date, CancellationToken ct)
    {
        var window = MetricEngine.WindowFor(cadence);
        var answers = (await session.Connection.QueryAsync<ScoredAnswer>(session.Command(AnswersSql,
            new { userId, from = date.AddDays(-(window - 1)), to = date }, ct))).ToList();
        var report = MetricEngine.Report(answers, date, window).ToDictionary(e => e.Metric, e => e.Value);
        await session.Connection.ExecuteAsync(session.Command(UpsertSql, Row(userId, date, report), ct));
        return report;
    }

    /// <summary>The row for one person and day, from engine output; also used to bulk-load synthetic data.</summary>
    public static object Row(Guid userId, DateOnly date, IReadOnlyDictionary<string, double?> values) => new
    {
        userId,
        date,
        who5 = values[Metric.Who5],
        phq9 = values[Metric.Phq9],
        gad7 = values[Metric.Gad7],
        burnout = values[Metric.Burnout],
        stress = values[Metric.Stress],
        sleepHours = values[Metric.SleepHours],
        sleepQuality = values[Metric.SleepQuality],
        wlb = values[Metric.WorkLife],
        mood = values[Metric.Mood],
    };
}
