using FastEndpoints;
using FluentValidation;
using Mindguard.Features.Users.Settings;
using Mindguard.Infrastructure.Http;

namespace Mindguard.Features.Users.Teams;

public sealed record TeamResponse(Guid Id, string Name, string TimeZone, int Members, DateTime CreatedAt);

public sealed class CreateTeamRequest
{
    /// <summary>Unique within the organisation.</summary>
    public string Name { get; set; } = "";
    /// <summary>IANA time zone for the team's summaries; new members start in it. Default Europe/Kyiv.</summary>
    public string? TimeZone { get; set; }

    internal sealed class Validator : Validator<CreateTeamRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Name).NotEmpty().MaximumLength(100);
            RuleFor(r => r.TimeZone).Must(z => SettingsRules.CanonicalTimeZone(z) is not null).When(r => r.TimeZone is not null)
                .WithMessage("timeZone must be an IANA time zone such as Europe/Kyiv");
        }
    }
}

public sealed class PatchTeamRequest
{
    public Guid Id { get; set; }
    public string? Name { get; set; }
    public string? TimeZone { get; set; }

    internal sealed class Validator : Validator<PatchTeamRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Name).NotEmpty().MaximumLength(100).When(r => r.Name is not null);
            RuleFor(r => r.TimeZone).Must(z => SettingsRules.CanonicalTimeZone(z) is not null).When(r => r.TimeZone is not null)
                .WithMessage("timeZone must be an IANA time zone such as Europe/Kyiv");
        }
    }
}

public sealed class GetTeamsRequest : PageRequest
{
    internal sealed class Validator : Validator<GetTeamsRequest>
    {
        public Validator() => this.AddPagingRules();
    }
}

public sealed class TeamIdRequest
{
    public Guid Id { get; set; }
}
