using FastEndpoints;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Alerts.Api;

public sealed class GetSafetySettingsEndpoint(OrganisationSafety safety) : EndpointWithoutRequest<SafetySettings>
{
    public override void Configure()
    {
        Get("/api/org/safety");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Problems(401, 403));
        Summary(s => s.Summary = "The organisation's alert mode and its own crisis resources");
    }

    public override async Task HandleAsync(CancellationToken ct) =>
        await Send.OkAsync(await safety.ReadAsync(User.ToActor().OrganisationId!.Value, ct), ct);
}
