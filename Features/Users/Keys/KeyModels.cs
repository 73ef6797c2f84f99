using FastEndpoints;
using FluentValidation;
using Mindguard.Infrastructure.Http;

namespace Mindguard.Features.Users.Keys;

public sealed class CreateApiKeyRequest
{
    /// <summary>A label to recognise the key by, e.g. "HR dashboard".</summary>
    public string Name { get; set; } = "";
    /// <summary>Optional, and if given it must be your own id: keys are only ever minted by the person they belong to.</summary>
    public Guid? UserId { get; set; }

    internal sealed class Validator : Validator<CreateApiKeyRequest>
    {
        public Validator() => RuleFor(r => r.Name).NotEmpty().MaximumLength(100);
    }
}

/// <param name="Key">Shown only in this response: store it now.</param>
public sealed record CreatedApiKeyResponse(Guid Id, string Key, string Name, Guid UserId, string DisplayPrefix);

public sealed class GetApiKeysRequest : PageRequest
{
    /// <summary>Admins: only this person's keys. Others always see their own.</summary>
    public Guid? UserId { get; set; }

    internal sealed class Validator : Validator<GetApiKeysRequest>
    {
        public Validator() => this.AddPagingRules();
    }
}

public sealed class ApiKeyIdRequest
{
    public Guid Id { get; set; }
}
