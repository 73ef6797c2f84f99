using FastEndpoints;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Alerts.Api;

public sealed class GetAlertEndpoint(AlertLifecycle lifecycle) : Endpoint<AlertIdRequest, AlertDetailResponse>
{
    public override void Configure()
    {
        Get("/api/alerts/{id}");
        Roles(RoleSets.ManagerAdminOrService);
        Policy(p => ServiceScopes.Require(p, ServiceScopes.AlertsRead));
        Description(b => b.Problems(401, 403, 404));
        Summary(s => s.Summary = "An alert with its trail (raised, acknowledged, resolved: who and when); service accounts need alerts:read");
    }

    public override async Task HandleAsync(AlertIdRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        var found = await lifecycle.ReadAsync(actor, req.Id, ct);
        if (found is not { } alert || alert.Alert.UserId == actor.UserId)
        {
            await Send.ResultAsync(ApiProblems.NotFound());
            return;
        }
        await Send.OkAsync(new AlertDetailResponse(alert.Alert, alert.Events), ct);
    }
}
