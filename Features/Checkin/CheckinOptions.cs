namespace Mindguard.Features.Checkin;

public sealed class CheckinOptions
{
    /// <summary>Minutes a check-in session lives without an answer; each answer starts the time again.</summary>
    [ConfigurationKeyName("CHECKIN_SESSION_MINUTES")]
    public int SessionMinutes { get; set; } = 30;

    /// <summary>Hours after the daily prompt before the one reminder.</summary>
    [ConfigurationKeyName("CHECKIN_REMINDER_HOURS")]
    public double ReminderHours { get; set; } = 4;

    public TimeSpan SessionLifetime => TimeSpan.FromMinutes(SessionMinutes);

    /// <summary>No reminders from 22:00 to 08:00 local time.</summary>
    public static readonly TimeOnly QuietFrom = new(22, 0);
    public static readonly TimeOnly QuietUntil = new(8, 0);
}
