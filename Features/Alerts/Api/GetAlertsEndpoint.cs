using FastEndpoints;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Alerts.Api;

public sealed class GetAlertsEndpoint(NpgsqlDataSource db) : Endpoint<GetAlertsRequest, Page<AlertView>>
{
    private static readonly string ListSql = Sql.Load<GetAlertsEndpoint>("ListAlerts");

    public override void Configure()
    {
        Get("/api/alerts");
        Roles(RoleSets.ManagerAdminOrService);
        Policy(p => ServiceScopes.Require(p, ServiceScopes.AlertsRead));
        Description(b => b.Problems(400, 401, 403));
        Summary(s =>
        {
            s.Summary = "Alerts about people you care for";
            s.Description = "Managers see alerts of their team, admins and service accounts with alerts:read of the organisation (never one still awaiting the person's consent); newest first. Each read is recorded in the person's access log.";
        });
    }

    public override async Task HandleAsync(GetAlertsRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        await using var session = await db.OpenSessionAsync(actor, ct);
        var rows = (await session.Connection.QueryAsync<AlertView>(session.Command(ListSql,
            new { status = req.Status, before = req.AfterId, limit = req.Take + 1, actorId = actor.UserId }, ct))).ToList();
        var page = Paging.ToPage(rows, req.Take, a => a.Id);
        await AccessLog.RecordAsync(session, actor, page.Items.Select(a => a.UserId), "alert", ct);
        await session.CommitAsync(ct);
        await Send.OkAsync(page, ct);
    }
}
