using Mindguard.Features.Status.Metrics;
using Mindguard.Features.Users;
using Mindguard.Features.Users.Settings;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Status;

/// <summary>One day of the 30-day trend: mood that day, and the 14-day WHO-5 and stress estimates ending that day.</summary>
public sealed record TrendPoint(DateOnly Date, double? Mood, double? Who5, double? Stress);

/// <param name="Ready">Estimates are shown only once there are answers on more than <see cref="PersonalStatus.DaysNeeded"/> days.</param>
/// <param name="WindowDays">How many days the estimates span (<see cref="MetricEngine.WindowFor"/>).</param>
public sealed record StatusView(int DaysWithAnswers, bool Ready, DateOnly Today, IReadOnlyList<MetricEstimate> Estimates, IReadOnlyList<TrendPoint> Trend,
    int WindowDays = MetricEngine.WindowDays);

/// <summary>
/// A person's own status, read as themselves: one indexed query for the answers of the last 43 days
/// (the 30-day chart plus the 14-day window behind its first point), then the metric engine.
/// </summary>
public sealed class PersonalStatus(NpgsqlDataSource db, TimeProvider time)
{
    public const int DaysNeeded = 7;
    public const int TrendDays = 30;

    private static readonly string AnswersSql = Sql.Load<PersonalStatus>("GetScoredAnswers");
    private static readonly string DaysSql = Sql.Load<PersonalStatus>("CountAnswerDays");

    public async Task<StatusView> ReadAsync(Member member, CancellationToken ct)
    {
        var today = SettingsRules.LocalToday(member.TimeZone, time);
        var window = MetricEngine.WindowFor(member.Cadence);
        var from = today.AddDays(-(TrendDays + window * 2));
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        var days = await session.Connection.ExecuteScalarAsync<int>(session.Command(DaysSql, new { userId = member.Id }, ct));
        var answers = (await session.Connection.QueryAsync<ScoredAnswer>(session.Command(AnswersSql, new { userId = member.Id, from }, ct))).ToList();

        var trend = Enumerable.Range(0, TrendDays).Select(i => today.AddDays(i - TrendDays + 1)).Select(day =>
        {
            var inWindow = MetricEngine.InWindow(answers, day, window);
            var mood = answers.Where(a => a.Date == day && a.Metric == Metric.Mood).Select(a => (double)a.Score).DefaultIfEmpty(double.NaN).Average();
            return new TrendPoint(day, double.IsNaN(mood) ? null : mood,
                MetricEngine.Estimate(Metric.Who5, inWindow).Value, MetricEngine.Estimate(Metric.Stress, inWindow).Value);
        }).ToList();
        return new StatusView(days, days > DaysNeeded, today, MetricEngine.Report(answers, today, window), trend, window);
    }
}
