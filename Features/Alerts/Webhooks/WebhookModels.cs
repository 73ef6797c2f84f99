using FastEndpoints;
using FluentValidation;
using Mindguard.Infrastructure.Http;

namespace Mindguard.Features.Alerts.Webhooks;

public sealed class CreateWebhookRequest
{
    /// <summary>Where events are POSTed: an https URL whose host resolves to public addresses (private ones only where the deployment allows them).</summary>
    public string Url { get; set; } = "";
    /// <summary>Any of alert.raised, alert.resolved, period.closed.</summary>
    public List<string> Events { get; set; } = [];

    internal sealed class Validator : Validator<CreateWebhookRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Url).Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.UserInfo == "")
                .WithMessage("url must be an absolute https URL");
            RuleFor(r => r.Events).NotEmpty().Must(e => e.All(IntegratorEvents.All.Contains))
                .WithMessage($"events must be among: {string.Join(", ", IntegratorEvents.All)}");
        }
    }
}

/// <param name="Secret">Shown only in this response: verify X-Mindguard-Signature with it.</param>
public sealed record CreatedWebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, string Secret);

// Properties, not a positional record: Npgsql hands text[] to Dapper as System.Array, which matches no
// constructor, so listing webhooks failed with a 500.
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
