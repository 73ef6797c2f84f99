using FastEndpoints;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Alerts.Webhooks;

public sealed class CreateWebhookEndpoint(NpgsqlDataSource db, MasterKeyRing keys, WebhookAddresses addresses) : Endpoint<CreateWebhookRequest, CreatedWebhookResponse>
{
    private static readonly string InsertSql = Sql.Load<CreateWebhookEndpoint>("InsertWebhook");

    public override void Configure()
    {
        Post("/api/webhooks");
        Roles(RoleSets.AdminOrService);
        Policy(p => ServiceScopes.Require(p, ServiceScopes.WebhooksManage));
        Description(b => b.Produces<CreatedWebhookResponse>(201).Problems(400, 401, 403));
        Summary(s =>
        {
            s.Summary = "Register an integrator webhook (admins, service accounts with webhooks:manage)";
            s.Description = "Events are POSTed as JSON with X-Mindguard-Event, X-Mindguard-Timestamp and X-Mindguard-Signature: sha256=HMAC(secret, \"timestamp.body\"). Failed deliveries are retried with backoff; redirects are not followed. The URL must be https and resolve to public addresses, at registration and at every send.";
            s.ExampleRequest = new CreateWebhookRequest { Url = "https://hr.example.org/mindguard", Events = ["alert.raised", "alert.resolved"] };
        });
    }

    public override async Task HandleAsync(CreateWebhookRequest req, CancellationToken ct)
    {
        // Checked again at every send, on the address actually connected to; this tells the admin now.
        if (!await addresses.IsAllowedAsync(new Uri(req.Url), ct))
            ThrowError(r => r.Url, "url must resolve to public addresses only (not loopback, private, link-local or CGNAT)");
        var actor = User.ToActor();
        var id = Guid.CreateVersion7();
        var secret = WebhookSigner.NewSecret();
        await using var session = await db.OpenSessionAsync(actor, ct);
        await session.Connection.ExecuteAsync(session.Command(InsertSql, new
        {
            id, organisationId = actor.OrganisationId, url = req.Url, events = req.Events.Distinct().ToArray(),
            secret = keys.EncryptText(secret, WebhookSigner.SecretContext(id)),
        }, ct));
        await AuditTrail.RecordAsync(session, actor, AuditActions.WebhookCreated, ct, targetId: id, detail: new { host = new Uri(req.Url).Host, events = req.Events.Distinct() });
        await session.CommitAsync(ct);
        await Send.ResultAsync(TypedResults.Created($"/api/webhooks/{id}", new CreatedWebhookResponse(id, req.Url, req.Events.Distinct().ToList(), secret)));
    }
}
