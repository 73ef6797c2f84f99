using FastEndpoints;
using Mindguard.Features.Status.Periods;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Privacy;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Status.Aggregates;

public sealed class GetTeamAggregatesEndpoint(NpgsqlDataSource db, PublishedAggregates aggregates, IOptions<AnonymityOptions> anonymity)
    : Endpoint<TeamAggregateRequest, AggregatesResponse>
{
    private static readonly string TeamSql = Sql.Load<GetTeamAggregatesEndpoint>("GetVisibleTeam");

    public override void Configure()
    {
        Get("/api/teams/{id}/aggregates");
        Roles(RoleSets.ManagerAdminOrService);
        Policy(p => ServiceScopes.Require(p, ServiceScopes.AggregatesRead));
        Description(b => b.Problems(400, 401, 403, 404));
        Summary(s =>
        {
            s.Summary = "A team's published aggregates of closed weeks or months (managers of the team, admins, service accounts with aggregates:read)";
            s.Description = "Per closed period (the latest 13 by default; the open period is never listed): participation, the rounded mean of members' 14-day estimates " +
                "per metric and how many are at each level (1 or 2 read \"fewer than 3\"), as published when the period closed. A cell is shown only with at least " +
                "ANONYMITY_K respondents besides the reader. Managers see only their own team. " + AggregateRequest.Accepted + ".";
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
            if (actor.Role is not (Actor.Admin or Actor.Service) && !team.Mine)
            {
                await Send.ResultAsync(ApiProblems.Forbidden());
                return;
            }
        }

        var granularity = req.ResolvedGranularity;
        var groups = await aggregates.ReadAsync(actor.OrganisationId!.Value, actor.UserId, granularity, req.From, req.To, req.Limit, [req.Id], withTotal: false, ct);
        await Send.OkAsync(AggregatesResponse.Of(groups, granularity, anonymity.Value.K), ct);
    }

    private sealed record VisibleTeam(Guid Id, bool Mine);
}
