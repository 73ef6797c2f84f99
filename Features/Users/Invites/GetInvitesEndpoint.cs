using FastEndpoints;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Invites;

public sealed class GetInvitesEndpoint(NpgsqlDataSource db) : Endpoint<GetInvitesRequest, Page<InviteResponse>>
{
    private static readonly string ListSql = Sql.Load<GetInvitesEndpoint>("ListInvites");

    public override void Configure()
    {
        Get("/api/invites");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Problems(400, 401, 403));
        Summary(s => s.Summary = "List invites (codes are never shown again)");
    }

    public override async Task HandleAsync(GetInvitesRequest req, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(User.ToActor(), ct);
        var rows = (await session.Connection.QueryAsync<InviteResponse>(session.Command(ListSql, new { after = req.AfterId, limit = req.Take + 1 }, ct))).ToList();
        await Send.OkAsync(Paging.ToPage(rows, req.Take, i => i.Id), ct);
    }
}
