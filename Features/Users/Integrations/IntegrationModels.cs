using FastEndpoints;
using FluentValidation;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Integrations;

public sealed class CreateIntegrationRequest
{
    /// <summary>What the integration is, e.g. "HR dashboard".</summary>
    public string Name { get; set; } = "";
    /// <summary>What it may do: any of <c>aggregates:read</c>, <c>alerts:read</c>, <c>alerts:write</c>, <c>webhooks:manage</c>.</summary>
    public string[] Scopes { get; set; } = [];

    internal sealed class Validator : Validator<CreateIntegrationRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Name).NotEmpty().MaximumLength(100);
            RuleFor(r => r.Scopes).NotEmpty().WithMessage("Give at least one scope.");
            RuleForEach(r => r.Scopes).Must(s => ServiceScopes.All.Contains(s))
                .WithMessage($"Unknown scope; use {string.Join(", ", ServiceScopes.All)}.");
        }
    }
}

/// <param name="Id">The service account's id.</param>
/// <param name="Name">The name given.</param>
/// <param name="Scopes">What it may do.</param>
/// <param name="DisplayPrefix">The key's first characters, to recognise it by.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="Key">The service account's API key, shown only in this response: store it now.</param>
public sealed record CreatedIntegrationResponse(Guid Id, string Name, string[] Scopes, string Key, string DisplayPrefix, DateTime CreatedAt);

public sealed class GetIntegrationsRequest : PageRequest
{
    internal sealed class Validator : Validator<GetIntegrationsRequest>
    {
        public Validator() => this.AddPagingRules();
    }
}

public sealed class IntegrationIdRequest
{
    public Guid Id { get; set; }
}
