using FastEndpoints;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Integrations;

public sealed class DeleteIntegrationEndpoint(ServiceAccounts accounts) : Endpoint<IntegrationIdRequest>
{
    public override void Configure()
    {
        Delete("/api/integrations/{id}");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Produces(204).Problems(401, 403, 404));
        Summary(s => s.Summary = "Revoke a service account and all its keys; they stop working at once. Its past acts stay attributed to it. Recorded in the audit log.");
    }

    public override async Task HandleAsync(IntegrationIdRequest req, CancellationToken ct)
    {
        if (!await accounts.RevokeAsync(User.ToActor(), req.Id, ct))
        {
            await Send.ResultAsync(ApiProblems.NotFound());
            return;
        }
        await Send.NoContentAsync(ct);
    }
}
