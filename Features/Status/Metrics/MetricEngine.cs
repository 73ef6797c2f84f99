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

    /// <summary>Every metric for the 14 days ending on <paramref name="today"/>, with the change from the 14 before.</summary>
    public static IReadOnlyList<MetricEstimate> Report(IReadOnlyCollection<ScoredAnswer> answers, DateOnly today)
    {
        var current = InWindow(answers, today);
        var previous = InWindow(answers, today.AddDays(-WindowDays));
        return Metric.All.Select(metric =>
        {
            var (value, items) = Estimate(metric, current);
            var (before, _) = Estimate(metric, previous);
            return new MetricEstimate(metric, value, value is { } v ? Thresholds.Level(metric, v) : null,
                value is { } now && before is { } then ? now - then : null, items);
        }).ToList();
    }

    /// <summary>The 14 days ending on <paramref name="lastDay"/>, inclusive.</summary>
    public static IReadOnlyList<ScoredAnswer> InWindow(IEnumerable<ScoredAnswer> answers, DateOnly lastDay)
    {
        var first = lastDay.AddDays(-(WindowDays - 1));
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
