using Mindguard.Features.Status.Metrics;

namespace Mindguard.Features.Alerts.Rules;

/// <summary>A person's estimates as of one day they answered (a row of daily_estimates).</summary>
public sealed record DayEstimates(DateOnly Date, double? Who5, double? Phq9, double? Gad7, double? Burnout);

/// <param name="Rule">critical or warning.</param>
/// <param name="Since">The first day of the sustained stretch.</param>
public sealed record AlertFinding(string Rule, string Metric, string Level, DateOnly Since);

/// <summary>
/// When estimates have stayed beyond a cut-off long enough to tell someone (SPEC §6). Cut-offs come
/// from the one thresholds table; a single bad day never raises anything.
/// </summary>
public static class AlertRules
{
    public const string Critical = "critical";
    public const string Warning = "warning";

    /// <summary>Critical: the last 7 days, at least 4 check-ins, every one of them beyond the cut-off.</summary>
    public const int CriticalDays = 7;
    public const int CriticalCheckins = 4;

    /// <summary>Warning: the last 14 days, at least 7 check-ins, every one of them beyond the cut-off.</summary>
    public const int WarningDays = 14;
    public const int WarningCheckins = 7;

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

    public static IReadOnlyList<AlertFinding> Evaluate(IReadOnlyCollection<DayEstimates> days, DateOnly today)
    {
        var critical = Sustained(Critical, CriticalCutoffs, days, today, CriticalDays, CriticalCheckins).ToList();
        // A critical finding already tells the care contacts; a warning on top would only repeat it.
        if (critical.Count > 0) return critical;
        return Sustained(Warning, WarningCutoffs, days, today, WarningDays, WarningCheckins).ToList();
    }

    private static IEnumerable<AlertFinding> Sustained(string rule, Cutoff[] cutoffs, IEnumerable<DayEstimates> days, DateOnly today, int span, int checkins)
    {
        var window = days.Where(d => d.Date > today.AddDays(-span) && d.Date <= today).OrderBy(d => d.Date).ToList();
        if (window.Count < checkins) yield break;
        foreach (var cutoff in cutoffs)
        {
            var beyond = window.All(d => cutoff.Value(d) is { } v && (cutoff.Below ? v < cutoff.Limit : v >= cutoff.Limit));
            if (beyond) yield return new AlertFinding(rule, cutoff.Metric, cutoff.Level, window[0].Date);
        }
    }
}
