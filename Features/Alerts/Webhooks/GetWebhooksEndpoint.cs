using FastEndpoints;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Alerts.Webhooks;

public sealed class GetWebhooksEndpoint(NpgsqlDataSource db) : EndpointWithoutRequest<IReadOnlyList<WebhookResponse>>
{
    private static readonly string ListSql = Sql.Load<GetWebhooksEndpoint>("ListWebhooks");

    public override void Configure()
    {
        Get("/api/webhooks");
        Roles(RoleSets.AdminOrService);
        Policy(p => ServiceScopes.Require(p, ServiceScopes.WebhooksManage));
        Description(b => b.Problems(401, 403));
        Summary(s => s.Summary = "The organisation's webhooks (secrets are never shown again; admins, service accounts with webhooks:manage)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(User.ToActor(), ct);
        await Send.OkAsync((await session.Connection.QueryAsync<WebhookResponse>(session.Command(ListSql, null, ct))).ToList(), ct);
    }
}
