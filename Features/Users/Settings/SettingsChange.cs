using System.Globalization;
using NodaTime;

namespace Mindguard.Features.Users.Settings;

/// <summary>A change to someone's own settings; null fields stay as they are.</summary>
public sealed record SettingsChange(
    string? Language = null, string? TimeZone = null, TimeOnly? CheckinTime = null, bool? WeekdaysOnly = null,
    string? Cadence = null, DateOnly? PauseUntil = null, bool Resume = false, bool? VoiceAnalysis = null);

/// <summary>The rules both the bot and the API apply to settings, so they cannot disagree.</summary>
public static class SettingsRules
{
    public static readonly IReadOnlyList<string> Cadences = ["daily", "every3days", "weekly"];
    public const int MaxPauseDays = 365;

    /// <summary>The canonical IANA id, or null when the time zone is unknown.</summary>
    public static string? CanonicalTimeZone(string? candidate) =>
        string.IsNullOrWhiteSpace(candidate) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(candidate.Trim())?.Id;

    public static TimeOnly? ParseTime(string text) =>
        TimeOnly.TryParseExact(text.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    public static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>Today in the person's time zone: pauses and check-ins count in local days.</summary>
    public static DateOnly LocalToday(string timeZone, TimeProvider time)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) ?? DateTimeZoneProviders.Tzdb["Europe/Kyiv"];
        return Instant.FromDateTimeOffset(time.GetUtcNow()).InZone(zone).Date.ToDateOnly();
    }

    public static bool IsAcceptablePause(DateOnly until, DateOnly today) =>
        until >= today && until <= today.AddDays(MaxPauseDays);
}
