using FastEndpoints;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Alerts.Api;

public sealed class PatchSafetySettingsEndpoint(OrganisationSafety safety) : Endpoint<PatchSafetyRequest, SafetySettings>
{
    public override void Configure()
    {
        Patch("/api/org/safety");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Problems(400, 401, 403));
        Summary(s =>
        {
            s.Summary = "Set the alert mode (notify or consent) and the organisation's crisis resources";
            s.ExampleRequest = new PatchSafetyRequest { AlertMode = "consent", CrisisResources = new() { ["uk"] = "Лінія підтримки компанії: 0 800 000 000" } };
        });
    }

    public override async Task HandleAsync(PatchSafetyRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        await safety.UpdateAsync(actor, req.AlertMode, req.CrisisResources, ct, req.AlertAdmins);
        await Send.OkAsync(await safety.ReadAsync(actor.OrganisationId!.Value, ct), ct);
    }
}
