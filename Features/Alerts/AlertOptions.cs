namespace Mindguard.Features.Alerts;

public sealed class AlertOptions
{
    /// <summary>
    /// notify (default): care contacts are told when an alert is raised. consent: the person is asked
    /// first. An organisation's own setting wins; the crisis path never waits for consent.
    /// </summary>
    [ConfigurationKeyName("ALERT_MODE")]
    public string Mode { get; set; } = "notify";
}
