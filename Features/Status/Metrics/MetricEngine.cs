namespace Mindguard.Features.Status.Metrics;

/// <summary>An answer as the engine needs it: already scored in its instrument's direction.</summary>
public sealed record ScoredAnswer(DateOnly Date, string Metric, int? Item, int Score);

/// <param name="Value">The 14-day estimate, or null when there is not enough data yet.</param>
/// <param name="Change">Against the previous 14 days, when both windows have an estimate.</param>
public sealed record MetricEstimate(string Metric, double? Value, string? Level, double? Change, int ItemsAnswered);

/// <summary>
/// Pure functions from answers to 14-day estimates, levels and changes. Shared by /status, the API
/// and alerts, so every place agrees; table-tested against hand-computed cases.
/// </summary>
public static class MetricEngine
{
    public const int WindowDays = 14;

    /// <summary>
    /// The estimate window for a cadence: long enough for the person's check-ins to cover the rotation
    /// of the bank. Daily (4 rotating questions a day) and every-3-days (9 per check-in) check-ins cover
    /// it in 14 days; weekly check-ins (11 rotating) need four weeks, so their estimates span 28 days.
    /// </summary>
    public static int WindowFor(string cadence) => cadence == "weekly" ? 2 * WindowDays : WindowDays;

    /// <summary>Every metric for the window ending on <paramref name="today"/>, with the change from the window before.</summary>
    public static IReadOnlyList<MetricEstimate> Report(IReadOnlyCollection<ScoredAnswer> answers, DateOnly today, int windowDays = WindowDays)
    {
        var current = InWindow(answers, today, windowDays);
        var previous = InWindow(answers, today.AddDays(-windowDays), windowDays);
        return Metric.All.Select(metric =>
        {
            var (value, items) = Estimate(metric, current);
            var (before, _) = Estimate(metric, previous);
            return new MetricEstimate(metric, value, value is { } v ? Thresholds.Level(metric, v) : null,
                value is { } now && before is { } then ? now - then : null, items);
        }).ToList();
    }

    /// <summary>The window (14 days unless given) ending on <paramref name="lastDay"/>, inclusive.</summary>
    public static IReadOnlyList<ScoredAnswer> InWindow(IEnumerable<ScoredAnswer> answers, DateOnly lastDay, int windowDays = WindowDays)
    {
        var first = lastDay.AddDays(-(windowDays - 1));
        return answers.Where(a => a.Date >= first && a.Date <= lastDay).ToList();
    }

    /// <summary>One metric over answers already limited to a window; returns the estimate and how many items fed it.</summary>
    public static (double? Value, int ItemsAnswered) Estimate(string metric, IEnumerable<ScoredAnswer> window)
    {
        var mine = window.Where(a => a.Metric == metric).ToList();
        if (mine.Count == 0) return (null, 0);
        if (!Instrument.ByMetric.TryGetValue(metric, out var instrument)) return (mine.Average(a => a.Score), 0);

        var itemMeans = mine.Where(a => a.Item is not null).GroupBy(a => a.Item).Select(g => g.Average(a => a.Score)).ToList();
        return (instrument.FromItemMeans(itemMeans.Sum(), itemMeans.Count), itemMeans.Count);
    }
}
