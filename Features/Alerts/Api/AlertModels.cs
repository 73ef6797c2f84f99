using FastEndpoints;
using FluentValidation;
using Mindguard.Infrastructure.Http;

namespace Mindguard.Features.Alerts.Api;

public sealed class GetAlertsRequest : PageRequest
{
    /// <summary>open, acknowledged or resolved.</summary>
    public string? Status { get; set; }

    internal sealed class Validator : Validator<GetAlertsRequest>
    {
        public Validator()
        {
            this.AddPagingRules();
            RuleFor(r => r.Status).Must(s => s is "open" or "acknowledged" or "resolved").When(r => r.Status is not null)
                .WithMessage("status must be open, acknowledged or resolved");
        }
    }
}

public sealed class AlertIdRequest
{
    public Guid Id { get; set; }
}

public sealed record AlertDetailResponse(AlertView Alert, IReadOnlyList<AlertEvent> Events);
