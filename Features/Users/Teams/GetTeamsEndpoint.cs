using FastEndpoints;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Teams;

public sealed class GetTeamsEndpoint(NpgsqlDataSource db) : Endpoint<GetTeamsRequest, Page<TeamResponse>>
{
    private static readonly string ListSql = Sql.Load<GetTeamsEndpoint>("ListTeams");

    public override void Configure()
    {
        Get("/api/teams");
        Roles(RoleSets.ManagerOrAdmin);
        Description(b => b.Problems(400, 401, 403));
        Summary(s =>
        {
            s.Summary = "List teams";
            s.Description = "Admins see every team of the organisation; managers see the team they belong to.";
        });
    }

    public override async Task HandleAsync(GetTeamsRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        await using var session = await db.OpenSessionAsync(actor, ct);
        var rows = (await session.Connection.QueryAsync<TeamResponse>(session.Command(ListSql, new
        {
            managerId = actor.Role == Actor.Admin ? (Guid?)null : actor.UserId,
            after = req.AfterId,
            limit = req.Take + 1,
        }, ct))).ToList();
        await Send.OkAsync(Paging.ToPage(rows, req.Take, t => t.Id), ct);
    }
}
