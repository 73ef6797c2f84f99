namespace Mindguard.Features.Alerts;

public sealed class AlertOptions
{
    /// <summary>
    /// notify (default): care contacts are told when an alert is raised. consent: the person is asked
    /// first. An organisation's own setting wins; the crisis path never waits for consent.
    /// </summary>
    [ConfigurationKeyName("ALERT_MODE")]
    public string Mode { get; set; } = "notify";

    /// <summary>
    /// Hours a critical alert may stay unacknowledged by every care contact before it is sent again to
    /// the organisation's admins (recorded in its trail; the person is not told again).
    /// </summary>
    /// <summary>
    /// fallback (default): the organisation's admins are care contacts only for people whose team has no
    /// manager who can be reached. always: admins are told about everyone too. An organisation's own
    /// setting (PATCH /api/org/safety alertAdmins) wins.
    /// </summary>
    [ConfigurationKeyName("ALERT_ADMINS")]
    public string Admins { get; set; } = "fallback";

    [ConfigurationKeyName("ALERT_ESCALATE_HOURS")]
    public double EscalateHours { get; set; } = 48;

    /// <summary>The same for a "talk to someone now" request, which cannot wait two days.</summary>
    [ConfigurationKeyName("ALERT_ESCALATE_TALK_HOURS")]
    public double EscalateTalkHours { get; set; } = 4;
}
