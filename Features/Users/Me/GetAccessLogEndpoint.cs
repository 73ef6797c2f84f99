using FastEndpoints;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Me;

public sealed class GetAccessLogEndpoint(NpgsqlDataSource db) : Endpoint<GetAccessLogRequest, Page<AccessLogEntry>>
{
    private static readonly string ListSql = Sql.Load<GetAccessLogEndpoint>("ListMyAccessLog");

    public override void Configure()
    {
        Get("/api/me/access-log");
        Roles(RoleSets.AnyMember);
        Description(b => b.Problems(400, 401));
        Summary(s =>
        {
            s.Summary = "Who read your data";
            s.Description = "Every read of your individual data by someone else, newest first. The log is append-only.";
        });
    }

    public override async Task HandleAsync(GetAccessLogRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        await using var session = await db.OpenSessionAsync(actor, ct);
        var rows = (await session.Connection.QueryAsync<AccessLogRow>(session.Command(ListSql,
            new { id = actor.UserId, before = req.AfterNumber, limit = req.Take + 1 }, ct))).Select(r => r.ToEntry()).ToList();
        await Send.OkAsync(Paging.ToPage(rows, req.Take, r => r.Id), ct);
    }
}
