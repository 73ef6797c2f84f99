using FastEndpoints;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Privacy;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Status.Aggregates;

public sealed class GetTeamAggregatesEndpoint(NpgsqlDataSource db, OrganisationAggregates aggregates, IOptions<AnonymityOptions> anonymity, TimeProvider time)
    : Endpoint<TeamAggregateRequest, AggregatesResponse>
{
    private static readonly string TeamSql = Sql.Load<GetTeamAggregatesEndpoint>("GetVisibleTeam");

    public override void Configure()
    {
        Get("/api/teams/{id}/aggregates");
        Roles(RoleSets.ManagerOrAdmin);
        Description(b => b.Problems(400, 401, 403, 404));
        Summary(s =>
        {
            s.Summary = "A team's k-anonymous aggregates";
            s.Description = "Per period: participation, the mean of members' 14-day estimates per metric and how many are at each level. Periods with fewer than ANONYMITY_K respondents are suppressed (no numbers). Managers see only their own team.";
        });
    }

    public override async Task HandleAsync(TeamAggregateRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        await using (var session = await db.OpenSessionAsync(actor, ct))
        {
            var team = await session.Connection.QuerySingleOrDefaultAsync<VisibleTeam>(session.Command(TeamSql, new { id = req.Id, userId = actor.UserId }, ct));
            if (team is null)
            {
                await Send.ResultAsync(ApiProblems.NotFound());
                return;
            }
            if (actor.Role != Actor.Admin && !team.Mine)
            {
                await Send.ResultAsync(ApiProblems.Forbidden());
                return;
            }
        }

        var (from, to, granularity) = req.Resolve(time);
        var groups = await aggregates.ComputeAsync(actor.OrganisationId!.Value, [req.Id], from, to, granularity, withTotal: false, ct);
        await Send.OkAsync(new AggregatesResponse(from, to, granularity.ToString().ToLowerInvariant(), anonymity.Value.K, groups), ct);
    }

    private sealed record VisibleTeam(Guid Id, bool Mine);
}
