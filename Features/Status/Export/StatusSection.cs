using Mindguard.Features.Status.Metrics;
using Mindguard.Features.Users;
using Mindguard.Features.Users.DataRights;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Status.Export;

/// <summary>
/// The person's daily 14-day estimates, the team memberships that decide which aggregates count them, and the
/// closed periods whose published cells do (M1650 lets a person read their own rows of the last two).
/// </summary>
public sealed class StatusSection : IPersonalDataSection
{
    private static readonly string EstimatesSql = Sql.Load<StatusSection>("ExportEstimates");
    private static readonly string MembershipsSql = Sql.Load<StatusSection>("ExportMemberships");
    private static readonly string CountsSql = Sql.Load<StatusSection>("ExportAggregateCounts");

    public async Task FillAsync(PersonalDataDocument document, DbSession session, Member member, CancellationToken ct)
    {
        var c = session.Connection;
        document.Estimates = (await c.QueryAsync<ExportedEstimate>(session.Command(EstimatesSql, new { id = member.Id }, ct))).ToList();
        document.Memberships = (await c.QueryAsync<ExportedMembership>(session.Command(MembershipsSql, new { id = member.Id }, ct))).ToList();
        document.CountedInAggregates = (await c.QueryAsync<CountRow>(session.Command(CountsSql, new { id = member.Id }, ct)))
            .Select(r => new ExportedAggregateCount(r.Granularity, r.PeriodStart, MetricNames(r.Metrics)))
            .ToList();
    }

    /// <summary>The period closer stores which metrics a respondent counted in as bits in the order of <see cref="Metric.All"/>.</summary>
    private static List<string> MetricNames(int bits) =>
        Enumerable.Range(0, Metric.All.Count).Where(i => (bits & (1 << i)) != 0).Select(i => Metric.All[i]).ToList();

    private sealed record CountRow(string Granularity, DateOnly PeriodStart, int Metrics);
}
