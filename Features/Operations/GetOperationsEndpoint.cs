using FastEndpoints;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Operations;

public sealed class GetOperationsEndpoint(OperationsFigures figures) : EndpointWithoutRequest<OperationsReport>
{
    public override void Configure()
    {
        Get("/api/org/operations");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Problems(401, 403));
        Summary(s =>
        {
            s.Summary = "Service figures for the last 24 hours and 7 days";
            s.Description = "Check-in success rate (target 95 %), outbox delivery by outcome and lag, webhook latency " +
                "percentiles (target: answered within 500 ms) and scheduled job runs and failures. Check-ins and messages " +
                "are this organisation's; webhook latency and jobs cover the whole deployment. The same figures are " +
                "exported as OpenTelemetry metrics when OTEL_EXPORTER_OTLP_ENDPOINT is set.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct) =>
        await Send.OkAsync(await figures.ReadAsync(User.ToActor().OrganisationId!.Value, ct), ct);
}
