using System.Text.Json;
using Mindguard.Features.Status.Metrics;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Privacy;

namespace Mindguard.Features.Status.Periods;

/// <summary>
/// Publishes one closed period of one organisation, once: its cells computed with the membership at the
/// moment the period ended, stored with who stood behind them, and a <c>period.closed</c> event per group
/// for integrators, all in one transaction. A replica that finds the period already claimed does nothing.
/// </summary>
public sealed class PeriodCloser(NpgsqlDataSource db, IOptions<AnonymityOptions> anonymity)
{
    public const string PeriodClosedEvent = "period.closed";
    internal static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    private static readonly string LockSql = Sql.Load<PeriodCloser>("LockOrganisationPeriods");
    private static readonly string ClaimSql = Sql.Load<PeriodCloser>("ClaimPeriod");
    private static readonly string MembersSql = Sql.Load<PeriodCloser>("ListPeriodMembers");
    private static readonly string TeamsSql = Sql.Load<PeriodCloser>("ListOrganisationTeams");
    private static readonly string GroupsSql = Sql.Load<PeriodCloser>("ListOverlappingGroups");
    private static readonly string RespondentsSql = Sql.Load<PeriodCloser>("ListOverlappingRespondents");
    private static readonly string InsertGroupSql = Sql.Load<PeriodCloser>("InsertGroup");
    private static readonly string InsertRespondentsSql = Sql.Load<PeriodCloser>("InsertRespondents");
    private static readonly string EnqueueSql = Sql.Load<PeriodCloser>("EnqueuePeriodClosed");

    /// <param name="endedAt">The instant the period ended in the organisation's time zone.</param>
    public async Task<bool> CloseAsync(Guid organisationId, CalendarPeriod period, DateTimeOffset endedAt, DateTimeOffset now, CancellationToken ct)
    {
        var k = anonymity.Value.K;
        var key = new { organisationId, granularity = period.Name, start = period.Start, end = period.End };
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        await session.Connection.ExecuteAsync(session.Command(LockSql, new { organisationId }, ct));
        if (await session.Connection.ExecuteAsync(session.Command(ClaimSql, key, ct)) == 0) return false;

        var members = (await session.Connection.QueryAsync<MemberRow>(session.Command(MembersSql,
            new { organisationId, start = period.Start, end = period.End, at = endedAt }, ct))).ToList();
        var teams = (await session.Connection.QueryAsync<Guid>(session.Command(TeamsSql, new { organisationId }, ct)))
            .Concat(members.Where(m => m.TeamId is not null).Select(m => m.TeamId!.Value)).Distinct().ToList();
        var respondents = members.Where(m => m.Answered).Select(m => new Respondent(m.UserId, m.TeamId, m.Values)).ToList();

        var groups = teams.Select(team => new ClosingGroup(StoredGroup.Team, team, members.Count(m => m.TeamId == team),
                respondents.Where(r => r.TeamId == team).ToList()))
            .Append(new ClosingGroup(StoredGroup.Unassigned, null, members.Count(m => m.TeamId is null), respondents.Where(r => r.TeamId is null).ToList()))
            .Append(new ClosingGroup(StoredGroup.Organisation, null, members.Count, respondents))
            .ToList();
        var closed = ClosingRules.Close(groups, await PublishedAsync(session, key, ct), k);

        var stored = new List<StoredGroup>();
        foreach (var (group, suppressed, cells) in closed)
        {
            await session.Connection.ExecuteAsync(session.Command(InsertGroupSql, new
            {
                organisationId, granularity = period.Name, start = period.Start, scope = group.Scope, teamId = group.TeamId,
                members = group.Members, respondents = group.Respondents.Count, suppressed, cells = JsonSerializer.Serialize(cells, Json),
            }, ct));
            stored.Add(new StoredGroup(period, group.Scope, group.TeamId, group.Members, group.Respondents.Count, suppressed, cells));
        }
        await session.Connection.ExecuteAsync(session.Command(InsertRespondentsSql, new
        {
            organisationId, granularity = period.Name, start = period.Start,
            userIds = respondents.Select(r => r.Key).ToArray(),
            teamIds = respondents.Select(r => r.TeamId).ToArray(),
            metrics = respondents.Select(Bits).ToArray(),
        }, ct));

        // Integrators are nobody in particular: their cells follow the rule for a reader who might be any respondent.
        foreach (var group in ReadingRules.ForReader(stored, Reader.AnyoneAtAll, k))
        {
            var payload = JsonSerializer.Serialize(new
            {
                @event = PeriodClosedEvent, organisationId, at = now,
                data = new { granularity = period.Name, scope = group.TeamId is null ? StoredGroup.Organisation : StoredGroup.Team, group },
            }, Json);
            await session.Connection.ExecuteAsync(session.Command(EnqueueSql, new { organisationId, name = PeriodClosedEvent, payload }, ct));
        }
        await session.CommitAsync(ct);
        return true;
    }

    private static int Bits(Respondent r) => Enumerable.Range(0, Metric.All.Count).Where(r.Has).Sum(i => 1 << i);

    /// <summary>Per overlapping published period, what its published cells let anyone compute (<see cref="PublishedAtoms"/>).</summary>
    private static async Task<List<PublishedAtoms>> PublishedAsync(DbSession session, object key, CancellationToken ct)
    {
        var groups = (await session.Connection.QueryAsync<GroupRow>(session.Command(GroupsSql, key, ct))).ToList();
        var rows = (await session.Connection.QueryAsync<RespondentRow>(session.Command(RespondentsSql, key, ct)))
            .GroupBy(r => (r.Granularity, r.PeriodStart)).ToDictionary(g => g.Key, g => g.ToList());
        var result = new List<PublishedAtoms>();
        foreach (var period in groups.GroupBy(g => (g.Granularity, g.PeriodStart)))
        {
            var inPeriod = rows.TryGetValue(period.Key, out var r) ? r : [];
            var shown = period.Where(g => !g.Suppressed)
                .Select(g => (Group: g, Cells: JsonSerializer.Deserialize<Dictionary<string, StoredCell>>(g.Cells, Json)!)).ToList();
            var byMetric = new Dictionary<string, IReadOnlyList<IReadOnlySet<Guid>>>();
            for (var i = 0; i < Metric.All.Count; i++)
            {
                var metric = Metric.All[i];
                var atoms = new List<IReadOnlySet<Guid>>();
                HashSet<Guid>? total = null;
                foreach (var (group, cells) in shown)
                {
                    if (!cells[metric].Published) continue;
                    var set = inPeriod.Where(x => (x.Metrics & (1 << i)) != 0 && (group.Scope == StoredGroup.Organisation || x.TeamId == group.TeamId))
                        .Select(x => x.Identity).ToHashSet();
                    if (group.Scope == StoredGroup.Organisation) total = set;
                    else atoms.Add(set);
                }
                if (total is not null)
                {
                    total.RemoveWhere(x => atoms.Any(a => a.Contains(x)));
                    if (total.Count > 0) atoms.Add(total);
                }
                byMetric[metric] = atoms;
            }
            result.Add(new PublishedAtoms(byMetric));
        }
        return result;
    }

    private sealed record MemberRow(Guid UserId, Guid? TeamId, bool Answered, double? Who5, double? Phq9, double? Gad7, double? Burnout,
        double? Stress, double? SleepHours, double? SleepQuality, double? Wlb, double? Mood)
    {
        public double?[] Values => [Who5, Phq9, Gad7, Burnout, Stress, SleepHours, SleepQuality, Wlb, Mood];
    }

    private sealed record GroupRow(string Granularity, DateOnly PeriodStart, DateOnly PeriodEnd, string Scope, Guid? TeamId,
        int Members, int Respondents, bool Suppressed, string Cells);

    private sealed record RespondentRow(long Id, string Granularity, DateOnly PeriodStart, Guid? UserId, Guid? TeamId, int Metrics)
    {
        /// <summary>A deleted person stays one distinct person, known by their row only.</summary>
        public Guid Identity => UserId ?? new Guid((int)(Id >> 32), (short)(Id >> 16), (short)Id, 0xde, 0xad, 0, 0, 0, 0, 0, 0);
    }
}
