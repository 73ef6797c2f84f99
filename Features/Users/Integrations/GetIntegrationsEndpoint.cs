using FastEndpoints;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Integrations;

public sealed class GetIntegrationsEndpoint(ServiceAccounts accounts) : Endpoint<GetIntegrationsRequest, Page<ServiceAccountInfo>>
{
    public override void Configure()
    {
        Get("/api/integrations");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Problems(400, 401, 403));
        Summary(s => s.Summary = "Your organisation's service accounts with their scopes, revoked ones included (keys are never shown again)");
    }

    public override async Task HandleAsync(GetIntegrationsRequest req, CancellationToken ct)
    {
        var rows = await accounts.ListAsync(User.ToActor(), req.AfterId, req.Take + 1, ct);
        await Send.OkAsync(Paging.ToPage(rows, req.Take, a => a.Id), ct);
    }
}
