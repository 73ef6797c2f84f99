namespace Mindguard.Features.Alerts.Rules;

/// <summary>
/// A change against the person's own normal, which fixed cut-offs miss in people whose normal is low
/// or high: the current WHO-5 estimate 10 or more points under the mean of their estimates in the
/// 28 days before, or stress 8 or more points over it (a comparable share of its 0–40 scale).
/// For the person only; care contacts are never told. The baseline needs a quarter of the check-ins the
/// person's cadence expects in those 28 days: 7 daily, 3 every-3-days, 2 weekly.
/// </summary>
public static class EarlySignal
{
    public const double Who5Fall = 10;
    public const double StressRise = 8;
    public const int BaselineDays = 28;
    public const int MinimumBaselineDays = 7;

    public static int MinimumBaseline(string cadence) => cadence switch
    {
        "every3days" => 3,
        "weekly" => 2,
        _ => MinimumBaselineDays,
    };

    public static bool Detect(IReadOnlyCollection<(DateOnly Date, double? Who5, double? Stress)> days, DateOnly today, string cadence = "daily")
    {
        var current = days.Where(d => d.Date <= today).MaxBy(d => d.Date);
        if (current.Date != today) return false;
        var baseline = days.Where(d => d.Date < today.AddDays(-13) && d.Date >= today.AddDays(-13 - BaselineDays)).ToList();
        if (baseline.Count < MinimumBaseline(cadence)) return false;

        var who5Normal = baseline.Select(d => d.Who5).OfType<double>().DefaultIfEmpty(double.NaN).Average();
        var stressNormal = baseline.Select(d => d.Stress).OfType<double>().DefaultIfEmpty(double.NaN).Average();
        return (current.Who5 is { } who5 && !double.IsNaN(who5Normal) && who5Normal - who5 >= Who5Fall)
            || (current.Stress is { } stress && !double.IsNaN(stressNormal) && stress - stressNormal >= StressRise);
    }
}
