using FastEndpoints;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Alerts.Webhooks;

public sealed class GetWebhookDeliveriesEndpoint(NpgsqlDataSource db) : Endpoint<GetDeliveriesRequest, Page<DeliveryResponse>>
{
    private static readonly string ListSql = Sql.Load<GetWebhookDeliveriesEndpoint>("ListDeliveries");

    public override void Configure()
    {
        Get("/api/webhooks/{id}/deliveries");
        Roles(RoleSets.AdminOrService);
        Policy(p => ServiceScopes.Require(p, ServiceScopes.WebhooksManage));
        Description(b => b.Problems(400, 401, 403));
        Summary(s => s.Summary = "A webhook's delivery log, newest first: status, attempts, last HTTP status or error (admins, service accounts with webhooks:manage)");
    }

    public override async Task HandleAsync(GetDeliveriesRequest req, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(User.ToActor(), ct);
        var rows = (await session.Connection.QueryAsync<DeliveryResponse>(session.Command(ListSql,
            new { webhookId = req.Id, before = req.AfterNumber, limit = req.Take + 1 }, ct))).ToList();
        await Send.OkAsync(Paging.ToPage(rows, req.Take, d => d.Id), ct);
    }
}
