using FastEndpoints;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.People;

public sealed class GetUsersEndpoint(NpgsqlDataSource db, PersonCipher cipher) : Endpoint<GetUsersRequest, Page<PersonResponse>>
{
    private static readonly string ListSql = Sql.Load<GetUsersEndpoint>("ListPeople");

    public override void Configure()
    {
        Get("/api/users");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Problems(400, 401, 403));
        Summary(s =>
        {
            s.Summary = "List the people of your organisation";
            s.Description = "Profiles only, never answers. Each person listed can see that an admin read their profile (GET /api/me/access-log).";
        });
    }

    public override async Task HandleAsync(GetUsersRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        await using var session = await db.OpenSessionAsync(actor, ct);
        var rows = (await session.Connection.QueryAsync<PersonRow>(session.Command(ListSql,
            new { teamId = req.TeamId, after = req.AfterId, limit = req.Take + 1 }, ct))).ToList();
        var page = Paging.ToPage(rows, req.Take, r => r.Id);
        await AccessLog.RecordAsync(session, actor, page.Items.Select(r => r.Id), "profile", ct);
        await session.CommitAsync(ct);
        await Send.OkAsync(new Page<PersonResponse>(page.Items.Select(r => r.ToResponse(cipher)).ToList(), page.NextCursor), ct);
    }
}
