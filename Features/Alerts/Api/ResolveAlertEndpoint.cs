using FastEndpoints;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Alerts.Api;

public sealed class ResolveAlertEndpoint(AlertLifecycle lifecycle) : Endpoint<AlertIdRequest, AlertView>
{
    public override void Configure()
    {
        Post("/api/alerts/{id}/resolve");
        Roles(RoleSets.ManagerAdminOrService);
        Policy(p => ServiceScopes.Require(p, ServiceScopes.AlertsWrite));
        Description(b => b.Problems(401, 403, 404));
        Summary(s => s.Summary = "Resolve an alert; recorded with who and when; service accounts need alerts:write");
    }

    public override async Task HandleAsync(AlertIdRequest req, CancellationToken ct)
    {
        var moved = await lifecycle.ResolveAsync(User.ToActor(), req.Id, ct);
        if (moved is null)
        {
            await Send.ResultAsync(ApiProblems.NotFound("No such alert you may act on, or it has already moved past this step."));
            return;
        }
        await Send.OkAsync(moved, ct);
    }
}
