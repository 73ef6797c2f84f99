using FastEndpoints;
using FluentValidation;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;

namespace Mindguard.Features.Users.People;

public sealed record PersonResponse(Guid Id, string DisplayName, string Role, Guid? TeamId, bool Active, string Language, bool TelegramLinked, DateTime CreatedAt);

public sealed class GetUsersRequest : PageRequest
{
    /// <summary>Only people of this team.</summary>
    public Guid? TeamId { get; set; }

    internal sealed class Validator : Validator<GetUsersRequest>
    {
        public Validator() => this.AddPagingRules();
    }
}

public sealed class PatchUserRequest
{
    public Guid Id { get; set; }
    /// <summary>employee, manager or admin.</summary>
    public string? Role { get; set; }
    /// <summary>Move the person to this team.</summary>
    public Guid? TeamId { get; set; }
    /// <summary>false deactivates: no more messages or check-ins; their data stays.</summary>
    public bool? Active { get; set; }

    internal sealed class Validator : Validator<PatchUserRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Role).Must(r => r is Actor.Employee or Actor.Manager or Actor.Admin).When(r => r.Role is not null)
                .WithMessage("role must be employee, manager or admin");
        }
    }
}

internal sealed record PersonRow(Guid Id, byte[]? DisplayName, byte[]? DataKey, string Role, Guid? TeamId, bool Active, string Language, long? TelegramId, DateTime CreatedAt)
{
    public PersonResponse ToResponse(PersonCipher cipher) => new(
        Id,
        cipher.DecryptDisplayName(Id, DataKey, DisplayName) ?? "",
        Role, TeamId, Active, Language, TelegramId is not null, CreatedAt);
}

public sealed class PersonIdRequest
{
    public Guid Id { get; set; }
}
