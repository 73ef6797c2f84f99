using FastEndpoints;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Alerts.Webhooks;

public sealed class DeleteWebhookEndpoint(NpgsqlDataSource db) : Endpoint<WebhookIdRequest>
{
    private static readonly string RevokeSql = Sql.Load<DeleteWebhookEndpoint>("RevokeWebhook");

    public override void Configure()
    {
        Delete("/api/webhooks/{id}");
        Roles(RoleSets.AdminOrService);
        Policy(p => ServiceScopes.Require(p, ServiceScopes.WebhooksManage));
        Description(b => b.Produces(204).Problems(401, 403, 404));
        Summary(s => s.Summary = "Stop a webhook; its delivery log stays readable (admins, service accounts with webhooks:manage)");
    }

    public override async Task HandleAsync(WebhookIdRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        await using var session = await db.OpenSessionAsync(actor, ct);
        if (await session.Connection.ExecuteAsync(session.Command(RevokeSql, new { id = req.Id }, ct)) == 0)
        {
            await Send.ResultAsync(ApiProblems.NotFound());
            return;
        }
        await AuditTrail.RecordAsync(session, actor, AuditActions.WebhookDeleted, ct, targetId: req.Id);
        await session.CommitAsync(ct);
        await Send.NoContentAsync(ct);
    }
}
