namespace Mindguard.Features.Users.Me;

/// <summary>The caller's own profile and settings.</summary>
public sealed record MeResponse
{
    public required Guid Id { get; init; }
    public required Guid OrganisationId { get; init; }
    public Guid? TeamId { get; init; }
    public required string DisplayName { get; init; }
    /// <summary>employee, manager or admin.</summary>
    public required string Role { get; init; }
    /// <summary>uk or en.</summary>
    public required string Language { get; init; }
    /// <summary>IANA time zone, e.g. Europe/Kyiv.</summary>
    public required string TimeZone { get; init; }
    /// <summary>Local time of the daily check-in, HH:mm.</summary>
    public required string CheckinTime { get; init; }
    public required bool WeekdaysOnly { get; init; }
    /// <summary>daily, every3days or weekly.</summary>
    public required string Cadence { get; init; }
    /// <summary>No check-ins until this local date (yyyy-MM-dd), if set.</summary>
    public DateOnly? PausedUntil { get; init; }
    public required bool Active { get; init; }
}
