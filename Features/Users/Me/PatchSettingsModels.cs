using FastEndpoints;
using FluentValidation;
using Mindguard.Features.Users.Settings;
using Mindguard.Infrastructure.Localization;

namespace Mindguard.Features.Users.Me;

/// <summary>Only the fields present change.</summary>
public sealed class PatchSettingsRequest
{
    /// <summary>uk or en.</summary>
    public string? Language { get; set; }
    /// <summary>IANA time zone, e.g. Europe/Kyiv.</summary>
    public string? TimeZone { get; set; }
    /// <summary>Local time of the daily check-in, HH:mm.</summary>
    public string? CheckinTime { get; set; }
    public bool? WeekdaysOnly { get; set; }
    /// <summary>daily (5 questions), every3days (10) or weekly (12).</summary>
    public string? Cadence { get; set; }
    /// <summary>Pause check-ins until this local date (yyyy-MM-dd, at most a year ahead); an empty string resumes.</summary>
    public string? PausedUntil { get; set; }
    /// <summary>false: voice notes are not sent to the AI server (nor, therefore, screened for signs of crisis).</summary>
    public bool? VoiceAnalysis { get; set; }

    internal sealed class Validator : Validator<PatchSettingsRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Language).Must(l => Catalogue.Languages.Contains(l!)).When(r => r.Language is not null)
                .WithMessage("language must be uk or en");
            RuleFor(r => r.TimeZone).Must(z => SettingsRules.CanonicalTimeZone(z) is not null).When(r => r.TimeZone is not null)
                .WithMessage("timeZone must be an IANA time zone such as Europe/Kyiv");
            RuleFor(r => r.CheckinTime).Must(t => SettingsRules.ParseTime(t!) is not null).When(r => r.CheckinTime is not null)
                .WithMessage("checkinTime must be HH:mm, e.g. 09:30");
            RuleFor(r => r.Cadence).Must(c => SettingsRules.Cadences.Contains(c!)).When(r => r.Cadence is not null)
                .WithMessage("cadence must be daily, every3days or weekly");
            RuleFor(r => r.PausedUntil).Must(d => d == "" || SettingsRules.ParseDate(d!) is not null).When(r => r.PausedUntil is not null)
                .WithMessage("pausedUntil must be a date yyyy-MM-dd, or an empty string to resume");
        }
    }
}

public sealed record SettingsResponse(string Language, string TimeZone, string CheckinTime, bool WeekdaysOnly, string Cadence, DateOnly? PausedUntil, bool VoiceAnalysis)
{
    public static SettingsResponse From(SettingsView v) =>
        new(v.Language, v.TimeZone, v.CheckinTime.ToString("HH:mm"), v.WeekdaysOnly, v.Cadence, v.PausedUntil, v.VoiceAnalysis);
}
