using FastEndpoints;
using Mindguard.Features.Status.Periods;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Privacy;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Status.Aggregates;

public sealed class GetOrgAggregatesEndpoint(Members members, PublishedAggregates aggregates, IOptions<AnonymityOptions> anonymity)
    : Endpoint<AggregateRequest, AggregatesResponse>
{
    public override void Configure()
    {
        Get("/api/org/aggregates");
        Roles(RoleSets.ManagerAdminOrService);
        Policy(p => ServiceScopes.Require(p, ServiceScopes.AggregatesRead));
        Description(b => b.Problems(400, 401, 403));
        Summary(s =>
        {
            s.Summary = "The organisation's published aggregates of closed weeks or months";
            s.Description = "The organisation total (teamId null) and each team per closed period, as published when the period closed (the open period is never listed). " +
                "Admins and service accounts with aggregates:read see every team, managers their own. A cell is shown only with at least ANONYMITY_K respondents besides the reader; " +
                "the total is suppressed whenever it would reveal a suppressed group by subtraction. " + AggregateRequest.Accepted + ".";
        });
    }

    public override async Task HandleAsync(AggregateRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        IReadOnlyCollection<Guid>? teams = null;
        if (actor.Role is not (Actor.Admin or Actor.Service))
        {
            var member = await members.FindAsync(actor, ct);
            teams = member?.TeamId is { } own ? [own] : [];
        }
        var granularity = req.ResolvedGranularity;
        var groups = await aggregates.ReadAsync(actor.OrganisationId!.Value, actor.UserId, granularity, req.From, req.To, req.Limit, teams, withTotal: true, ct);
        await Send.OkAsync(AggregatesResponse.Of(groups, granularity, anonymity.Value.K), ct);
    }
}
