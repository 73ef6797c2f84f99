using FastEndpoints;
using FluentValidation;
using Mindguard.Infrastructure.Http;

namespace Mindguard.Features.Alerts.Webhooks;

public sealed class CreateWebhookRequest
{
    /// <summary>Where events are POSTed: https, or http on this machine's loopback for testing.</summary>
    public string Url { get; set; } = "";
    /// <summary>Any of alert.raised, alert.resolved, period.closed.</summary>
    public List<string> Events { get; set; } = [];

    internal sealed class Validator : Validator<CreateWebhookRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Url).Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri)
                    && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
                .WithMessage("url must be an absolute https URL (http only on loopback)");
            RuleFor(r => r.Events).NotEmpty().Must(e => e.All(IntegratorEvents.All.Contains))
                .WithMessage($"events must be among: {string.Join(", ", IntegratorEvents.All)}");
        }
    }
}

/// <param name="Secret">Shown only in this response: verify X-Mindguard-Signature with it.</param>
public sealed record CreatedWebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, string Secret);

// Init properties, not a positional record: Dapper matches a text[] column to no constructor parameter
// (GET /api/webhooks answered 500 before).
public sealed record WebhookResponse
{
    public Guid Id { get; init; }
    public string Url { get; init; } = "";
    public string[] Events { get; init; } = [];
    public DateTime CreatedAt { get; init; }
    public DateTime? RevokedAt { get; init; }
}

public sealed record DeliveryResponse(long Id, string Event, string Status, int Attempts, int? LastStatus, string? LastError, DateTime CreatedAt, DateTime? DeliveredAt);

public sealed class WebhookIdRequest
{
    public Guid Id { get; set; }
}

public sealed class GetDeliveriesRequest : PageRequest
{
    public Guid Id { get; set; }

    internal sealed class Validator : Validator<GetDeliveriesRequest>
    {
        public Validator() => this.AddPagingRules();
    }
}
