namespace Mindguard.Features.Status.Metrics;

/// <summary>Metric names as the question bank tags them.</summary>
public static class Metric
{
    public const string Who5 = "who5";
    public const string Phq9 = "phq9";
    public const string Gad7 = "gad7";
    public const string Burnout = "burnout";
    public const string Stress = "stress";
    public const string SleepHours = "sleep_hours";
    public const string SleepQuality = "sleep_quality";
    public const string WorkLife = "wlb";
    public const string Mood = "mood";

    /// <summary>The order people see them in.</summary>
    public static readonly IReadOnlyList<string> All = [Who5, Phq9, Gad7, Burnout, Stress, SleepHours, SleepQuality, WorkLife, Mood];
}

/// <summary>How an instrument turns item scores into its score (SPEC §4).</summary>
/// <param name="Items">The instrument's full item count, which estimates are prorated to.</param>
/// <param name="Average">Burnout is reported as the mean of its items (0–100 %); the others as a sum.</param>
/// <param name="Multiplier">WHO-5's raw sum is multiplied by 4 to give 0–100.</param>
public sealed record Instrument(string Metric, int Items, bool Average = false, double Multiplier = 1)
{
    public static readonly IReadOnlyDictionary<string, Instrument> ByMetric = new Dictionary<string, Instrument>
    {
        [Status.Metrics.Metric.Who5] = new(Status.Metrics.Metric.Who5, 5, Multiplier: 4),
        [Status.Metrics.Metric.Phq9] = new(Status.Metrics.Metric.Phq9, 9),
        [Status.Metrics.Metric.Gad7] = new(Status.Metrics.Metric.Gad7, 7),
        [Status.Metrics.Metric.Burnout] = new(Status.Metrics.Metric.Burnout, 8, Average: true),
        [Status.Metrics.Metric.Stress] = new(Status.Metrics.Metric.Stress, 10),
    };

    /// <summary>At least two thirds of the items must have been answered in the window.</summary>
    public bool Covered(int itemsAnswered) => itemsAnswered * 3 >= Items * 2;

    /// <summary>
    /// The estimate from the mean answer of each item answered: summed, prorated to the full item
    /// count, then averaged or scaled. Null when coverage is too thin to say anything.
    /// </summary>
    public double? FromItemMeans(double sumOfItemMeans, int itemsAnswered)
    {
        if (itemsAnswered == 0 || !Covered(itemsAnswered)) return null;
        var prorated = sumOfItemMeans * Items / itemsAnswered;
        return Average ? prorated / Items : prorated * Multiplier;
    }
}
