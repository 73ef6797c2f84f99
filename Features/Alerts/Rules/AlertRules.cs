using Mindguard.Features.Status.Metrics;

namespace Mindguard.Features.Alerts.Rules;

/// <summary>A person's estimates as of one day they answered (a row of daily_estimates).</summary>
public sealed record DayEstimates(DateOnly Date, double? Who5, double? Phq9, double? Gad7, double? Burnout);

/// <param name="Rule">critical or warning.</param>
/// <param name="Since">The first day of the sustained stretch.</param>
public sealed record AlertFinding(string Rule, string Metric, string Level, DateOnly Since);

/// <summary>
/// A rule's window counted in the check-ins a person's cadence expects, so every cadence can raise it.
/// The window covers the last <see cref="Expected"/> check-ins (<see cref="Expected"/> × the cadence's
/// interval, in days, ending today); at least <see cref="Required"/> of them must have an estimate of
/// the metric, and every one with an estimate must be beyond the cut-off.
/// </summary>
public sealed record CheckinWindow(int IntervalDays, int Expected, int Required)
{
    public int Days => IntervalDays * Expected;
}

/// <summary>
/// When estimates have stayed beyond a cut-off long enough to tell someone (SPEC §6). Cut-offs come
/// from the one thresholds table; a single bad day never raises anything.
/// <list type="table">
/// <listheader><term>cadence</term><description>critical · warning</description></listheader>
/// <item><term>daily</term><description>4 of the last 7 daily check-ins (7 days) · 7 of the last 14 (14 days)</description></item>
/// <item><term>every3days</term><description>3 of the last 4 check-ins (12 days) · 4 of the last 5 (15 days)</description></item>
/// <item><term>weekly</term><description>2 of the last 3 check-ins (21 days) · 3 of the last 4 (28 days)</description></item>
/// </list>
/// </summary>
public static class AlertRules
{
    public const string Critical = "critical";
    public const string Warning = "warning";

    /// <summary>Not a rule over estimates: the person asked to talk to someone now.</summary>
    public const string TalkNow = "talk_now";

    public static (CheckinWindow Critical, CheckinWindow Warning) Windows(string cadence) => cadence switch
    {
        "every3days" => (new CheckinWindow(3, 4, 3), new CheckinWindow(3, 5, 4)),
        "weekly" => (new CheckinWindow(7, 3, 2), new CheckinWindow(7, 4, 3)),
        _ => (new CheckinWindow(1, 7, 4), new CheckinWindow(1, 14, 7)),
    };

    /// <summary>How many days of estimates the longest window of any cadence needs.</summary>
    public const int LookbackDays = 28;

    private sealed record Cutoff(string Metric, Func<DayEstimates, double?> Value, double Limit, bool Below, string Level);

    private static readonly Cutoff[] CriticalCutoffs =
    [
        new(Status.Metrics.Metric.Who5, d => d.Who5, Thresholds.Who5Critical, Below: true, "critical"),
        new(Status.Metrics.Metric.Phq9, d => d.Phq9, Thresholds.Phq9Severe, Below: false, "severe"),
        new(Status.Metrics.Metric.Gad7, d => d.Gad7, Thresholds.Gad7Severe, Below: false, "severe"),
        new(Status.Metrics.Metric.Burnout, d => d.Burnout, Thresholds.BurnoutCritical, Below: false, "critical"),
    ];

    private static readonly Cutoff[] WarningCutoffs =
    [
        new(Status.Metrics.Metric.Who5, d => d.Who5, Thresholds.Who5Low, Below: true, "low"),
        new(Status.Metrics.Metric.Phq9, d => d.Phq9, Thresholds.Phq9Moderate, Below: false, "moderate"),
        new(Status.Metrics.Metric.Gad7, d => d.Gad7, Thresholds.Gad7Moderate, Below: false, "moderate"),
        new(Status.Metrics.Metric.Burnout, d => d.Burnout, Thresholds.BurnoutHigh, Below: false, "high"),
    ];

    public static IReadOnlyList<AlertFinding> Evaluate(IReadOnlyCollection<DayEstimates> days, DateOnly today, string cadence = "daily")
    {
        var (criticalWindow, warningWindow) = Windows(cadence);
        var critical = Sustained(Critical, CriticalCutoffs, days, today, criticalWindow).ToList();
        // A critical finding already tells the care contacts; a warning on top would only repeat it.
        if (critical.Count > 0) return critical;
        return Sustained(Warning, WarningCutoffs, days, today, warningWindow).ToList();
    }

    private static IEnumerable<AlertFinding> Sustained(string rule, Cutoff[] cutoffs, IEnumerable<DayEstimates> days, DateOnly today, CheckinWindow window)
    {
        var inWindow = days.Where(d => d.Date > today.AddDays(-window.Days) && d.Date <= today).OrderBy(d => d.Date).ToList();
        foreach (var cutoff in cutoffs)
        {
            // A check-in whose answers do not yet cover the instrument has no estimate for it: it neither
            // breaks nor counts towards the stretch (a new weekly person's first check-in, for example).
            var estimated = inWindow.Where(d => cutoff.Value(d) is not null).ToList();
            if (estimated.Count < window.Required) continue;
            var beyond = estimated.All(d => cutoff.Value(d) is { } v && (cutoff.Below ? v < cutoff.Limit : v >= cutoff.Limit));
            if (beyond) yield return new AlertFinding(rule, cutoff.Metric, cutoff.Level, estimated[0].Date);
        }
    }
}
