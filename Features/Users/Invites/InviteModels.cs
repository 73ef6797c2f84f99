using FastEndpoints;
using FluentValidation;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;

namespace Mindguard.Features.Users.Invites;

public sealed class CreateInviteRequest
{
    public Guid TeamId { get; set; }
    /// <summary>employee (default), manager or admin.</summary>
    public string Role { get; set; } = Actor.Employee;
    /// <summary>How many people may join with it (default 1).</summary>
    public int MaxUses { get; set; } = 1;
    /// <summary>When it stops working (UTC, at most 90 days ahead); default 7 days from now.</summary>
    public DateTime? ExpiresAt { get; set; }

    internal sealed class Validator : Validator<CreateInviteRequest>
    {
        public Validator()
        {
            RuleFor(r => r.TeamId).NotEmpty();
            RuleFor(r => r.Role).Must(r => r is Actor.Employee or Actor.Manager or Actor.Admin).WithMessage("role must be employee, manager or admin");
            RuleFor(r => r.MaxUses).InclusiveBetween(1, 10_000);
            RuleFor(r => r.ExpiresAt).Must(e => e > DateTime.UtcNow && e < DateTime.UtcNow.AddDays(90)).When(r => r.ExpiresAt is not null)
                .WithMessage("expiresAt must be in the future and at most 90 days ahead");
        }
    }
}

/// <param name="Code">Shown only in this response: the invite is stored as a hash.</param>
/// <param name="Link">Telegram deep link that starts the bot with the code, when the bot is on.</param>
public sealed record CreatedInviteResponse(Guid Id, string Code, string? Link, Guid TeamId, string Role, int MaxUses, DateTime ExpiresAt);

public sealed record InviteResponse(Guid Id, Guid TeamId, string Role, int MaxUses, int Uses, DateTime ExpiresAt, DateTime CreatedAt, DateTime? RevokedAt);

public sealed class GetInvitesRequest : PageRequest
{
    internal sealed class Validator : Validator<GetInvitesRequest>
    {
        public Validator() => this.AddPagingRules();
    }
}

public sealed class InviteIdRequest
{
    public Guid Id { get; set; }
}
