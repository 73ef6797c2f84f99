using FastEndpoints;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Audit;

public sealed class GetAuditLogEndpoint(NpgsqlDataSource db) : Endpoint<GetAuditLogRequest, Page<AuditLogEntry>>
{
    private static readonly string ListSql = Sql.Load<GetAuditLogEndpoint>("ListAuditLog");

    public override void Configure()
    {
        Get("/api/org/audit-log");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Problems(400, 401, 403));
        Summary(s =>
        {
            s.Summary = "Audit log of admin and manager acts";
            s.Description = "Every change of role, team or active state, invite, API key, webhook, safety setting, wall moderation and alert acknowledgement, resolution, escalation and notification in your organisation, newest first. Append-only: nobody can change or delete an entry.";
        });
    }

    public override async Task HandleAsync(GetAuditLogRequest req, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(User.ToActor(), ct);
        var rows = (await session.Connection.QueryAsync<AuditLogRow>(session.Command(ListSql,
            new { before = req.AfterNumber, action = req.Action, subjectId = req.SubjectId, limit = req.Take + 1 }, ct))).Select(r => r.ToEntry()).ToList();
        await Send.OkAsync(Paging.ToPage(rows, req.Take, r => r.Id), ct);
    }
}
