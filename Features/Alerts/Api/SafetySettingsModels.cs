using FastEndpoints;
using FluentValidation;
using Mindguard.Infrastructure.Localization;

namespace Mindguard.Features.Alerts.Api;

public sealed class PatchSafetyRequest
{
    /// <summary>notify (care contacts are told) or consent (the person is asked first; the crisis path never waits).</summary>
    public string? AlertMode { get; set; }
    /// <summary>always: the organisation's admins are told about everyone; fallback: only about people whose team has no reachable manager.</summary>
    public string? AlertAdmins { get; set; }
    /// <summary>The organisation's own crisis resources by language (uk, en), shown instead of the defaults.</summary>
    public Dictionary<string, string>? CrisisResources { get; set; }

    internal sealed class Validator : Validator<PatchSafetyRequest>
    {
        public Validator()
        {
            RuleFor(r => r.AlertMode).Must(m => m is "notify" or "consent").When(r => r.AlertMode is not null).WithMessage("alertMode must be notify or consent");
            RuleFor(r => r.AlertAdmins).Must(m => m is "fallback" or "always").When(r => r.AlertAdmins is not null).WithMessage("alertAdmins must be fallback or always");
            RuleFor(r => r.CrisisResources).Must(r => r!.Count > 0 && r.All(kv => Catalogue.Languages.Contains(kv.Key) && kv.Value.Trim().Length is > 0 and <= 1000))
                .When(r => r.CrisisResources is not null)
                .WithMessage("crisisResources must map uk and/or en to non-empty texts of at most 1000 characters");
        }
    }
}
