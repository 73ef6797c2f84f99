using FastEndpoints;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Integrations;

public sealed class CreateIntegrationEndpoint(ServiceAccounts accounts) : Endpoint<CreateIntegrationRequest, CreatedIntegrationResponse>
{
    public override void Configure()
    {
        Post("/api/integrations");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Produces<CreatedIntegrationResponse>(201).Problems(400, 401, 403));
        Summary(s =>
        {
            s.Summary = "Create an integration's service account and its API key";
            s.Description = "A non-person principal of your organisation that acts only within its scopes: aggregates:read (published aggregates), " +
                "alerts:read (the organisation's alerts), alerts:write (acknowledge, resolve), webhooks:manage (integrator webhooks). " +
                "It has no /api/me data, cannot mint keys, change people or read the audit log or people lists. Its acts are attributed to it. " +
                "The key is returned once; only its SHA-256 is stored. Recorded in the audit log.";
            s.ExampleRequest = new CreateIntegrationRequest { Name = "HR dashboard", Scopes = [ServiceScopes.AggregatesRead, ServiceScopes.AlertsRead] };
        });
    }

    public override async Task HandleAsync(CreateIntegrationRequest req, CancellationToken ct)
    {
        var (account, key) = await accounts.CreateAsync(User.ToActor(), req.Name.Trim(), req.Scopes.Distinct().ToArray(), ct);
        await Send.ResultAsync(TypedResults.Created($"/api/integrations/{account.Id}",
            new CreatedIntegrationResponse(account.Id, account.Name, account.Scopes, key.Key, key.DisplayPrefix, account.CreatedAt)));
    }
}
