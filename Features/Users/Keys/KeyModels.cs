using FastEndpoints;
using FluentValidation;
using Mindguard.Infrastructure.Http;

namespace Mindguard.Features.Users.Keys;

public sealed class CreateApiKeyRequest
{
    /// <summary>A label to recognise the key by, e.g. "HR dashboard".</summary>
    public string Name { get; set; } = "";
    /// <summary>Admins may create a key for a manager or admin of their organisation; otherwise the key is yours.</summary>
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
