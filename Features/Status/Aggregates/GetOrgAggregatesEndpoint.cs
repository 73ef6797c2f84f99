using FastEndpoints;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Privacy;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Status.Aggregates;

public sealed class GetOrgAggregatesEndpoint(Members members, OrganisationAggregates aggregates, IOptions<AnonymityOptions> anonymity, TimeProvider time)
    : Endpoint<AggregateRequest, AggregatesResponse>
{
    public override void Configure()
    {
        Get("/api/org/aggregates");
        Roles(RoleSets.ManagerOrAdmin);
        Description(b => b.Problems(400, 401, 403));
        Summary(s =>
        {
            s.Summary = "The organisation's k-anonymous aggregates";
            s.Description = "The organisation total (teamId null) and each team per period. Admins see every team, managers their own. The total is suppressed whenever it would reveal a suppressed group by subtraction.";
        });
    }

    public override async Task HandleAsync(AggregateRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        IReadOnlyCollection<Guid>? teams = null;
        if (actor.Role != Actor.Admin)
        {
            var member = await members.FindAsync(actor, ct);
            teams = member?.TeamId is { } own ? [own] : [];
        }
        var (from, to, granularity) = req.Resolve(time);
        var groups = await aggregates.ComputeAsync(actor.OrganisationId!.Value, teams, from, to, granularity, withTotal: true, ct);
        await Send.OkAsync(new AggregatesResponse(from, to, granularity.ToString().ToLowerInvariant(), anonymity.Value.K, groups), ct);
    }
}
