using Mindguard.Features.Status.Metrics;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Privacy;

namespace Mindguard.Features.Status.Aggregates;

/// <summary>
/// k-anonymous aggregates of teams and of the organisation. Individual rows are read as the system
/// (managers and admins cannot read anyone's answers) and never leave this class: a group with fewer
/// than k respondents is suppressed, and the organisation total is suppressed too when it would
/// reveal suppressed groups by subtraction. Estimates come from the one metric engine.
/// </summary>
public sealed class OrganisationAggregates(NpgsqlDataSource db, IOptions<AnonymityOptions> anonymity)
{
    private static readonly string RowsSql = Sql.Load<OrganisationAggregates>("AggregateRows");
    private static readonly string MembersSql = Sql.Load<OrganisationAggregates>("CountTeamMembers");

    /// <summary>Per team (only <paramref name="teamIds"/>, or every team) and, when asked, the organisation as a whole.</summary>
    public async Task<IReadOnlyList<GroupAggregate>> ComputeAsync(
        Guid organisationId, IReadOnlyCollection<Guid>? teamIds, DateOnly from, DateOnly to, Granularity granularity, bool withTotal, CancellationToken ct)
    {
        var days = granularity == Granularity.Week ? 7 : 1;
        var periods = Math.Max(1, (to.DayNumber - from.DayNumber) / days + 1);
        // The total needs every team, whoever asks, to know what subtraction would reveal.
        var readTeams = withTotal ? null : teamIds?.ToArray();

        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var rows = (await session.Connection.QueryAsync<Row>(session.Command(RowsSql,
            new { organisationId, teamIds = readTeams, from, to = from.AddDays(periods * days - 1), days }, ct))).ToList();
        var members = (await session.Connection.QueryAsync<(Guid? TeamId, int Members)>(session.Command(MembersSql, new { organisationId }, ct)))
            .ToDictionary(m => m.TeamId ?? Guid.Empty, m => m.Members);

        var k = anonymity.Value.K;
        var result = new List<GroupAggregate>();
        for (var period = 0; period < periods; period++)
        {
            var start = from.AddDays(period * days);
            var end = start.AddDays(days - 1);
            var inPeriod = rows.Where(r => r.Period == period).ToList();
            var groups = members.Keys.Select(team => (Team: team, Rows: inPeriod.Where(r => (r.TeamId ?? Guid.Empty) == team).ToList())).ToList();

            foreach (var (team, teamRows) in groups.Where(g => g.Team != Guid.Empty && (teamIds is null || teamIds.Contains(g.Team))))
                result.Add(Group(team, start, end, teamRows, members[team], k, suppress: false));

            if (withTotal)
            {
                // Publishing the total is safe only if the suppressed groups together are empty or k-anonymous.
                var hidden = groups.Select(g => Respondents(g.Rows)).Where(n => n > 0 && n < k).Sum();
                result.Add(Group(null, start, end, inPeriod, members.Values.Sum(), k, suppress: hidden > 0 && hidden < k));
            }
        }
        return result;
    }

    private static int Respondents(IEnumerable<Row> rows) => rows.Count();

    private static GroupAggregate Group(Guid? team, DateOnly start, DateOnly end, List<Row> rows, int members, int k, bool suppress)
    {
        var respondents = Respondents(rows);
        if (suppress || respondents < k) return new GroupAggregate(team, start, end, true, members, null, null, null);

        var metrics = Metric.All.ToDictionary(metric => metric, metric =>
        {
            var estimates = rows.Select(r => r.Value(metric)).OfType<double>().ToList();
            // A metric few people have an estimate for (the deep check's PHQ-9, say) would describe those few.
            if (estimates.Count < k) return new MetricAggregate(null, 0, new Dictionary<string, int>());
            var levels = estimates.Select(e => Thresholds.Level(metric, e)).OfType<string>()
                .GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());
            return new MetricAggregate(estimates.Count == 0 ? null : estimates.Average(), estimates.Count, levels);
        });
        return new GroupAggregate(team, start, end, false, members, respondents, members == 0 ? null : (double)respondents / members, metrics);
    }

    /// <summary>One respondent in one period: their latest estimates within it.</summary>
    private sealed record Row(int Period, Guid UserId, Guid? TeamId, double? Who5, double? Phq9, double? Gad7, double? Burnout,
        double? Stress, double? SleepHours, double? SleepQuality, double? Wlb, double? Mood)
    {
        public double? Value(string metric) => metric switch
        {
            Metric.Who5 => Who5, Metric.Phq9 => Phq9, Metric.Gad7 => Gad7, Metric.Burnout => Burnout, Metric.Stress => Stress,
            Metric.SleepHours => SleepHours, Metric.SleepQuality => SleepQuality, Metric.WorkLife => Wlb, Metric.Mood => Mood,
            _ => null,
        };
    }
}
