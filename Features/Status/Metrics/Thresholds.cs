namespace Mindguard.Features.Status.Metrics;

/// <summary>
/// The one table of cut-offs (SPEC §4). Status, alerts and aggregates all read levels from here;
/// the original system had four disagreeing copies.
/// </summary>
public static class Thresholds
{
    public const double Who5Low = 50;
    public const double Who5Critical = 28;
    public const double Phq9Moderate = 10;
    public const double Phq9Severe = 15;
    public const double Gad7Moderate = 10;
    public const double Gad7Severe = 15;
    public const double BurnoutHigh = 50;
    public const double BurnoutCritical = 70;
    public const double StressHigh = 26;
    public const double SleepLowHours = 6;
    public const double WorkLifeLow = 5;

    public const string Ok = "ok";

    /// <summary>The level of a value, or null for metrics shown as a trend only (mood, sleep quality).</summary>
    public static string? Level(string metric, double value) => metric switch
    {
        Metric.Who5 => value < Who5Critical ? "critical" : value < Who5Low ? "low" : Ok,
        Metric.Phq9 => value >= Phq9Severe ? "severe" : value >= Phq9Moderate ? "moderate" : Ok,
        Metric.Gad7 => value >= Gad7Severe ? "severe" : value >= Gad7Moderate ? "moderate" : Ok,
        Metric.Burnout => value >= BurnoutCritical ? "critical" : value >= BurnoutHigh ? "high" : Ok,
        Metric.Stress => value >= StressHigh ? "high" : Ok,
        Metric.SleepHours => value < SleepLowHours ? "low" : Ok,
        Metric.WorkLife => value < WorkLifeLow ? "low" : Ok,
        _ => null,
    };
}
