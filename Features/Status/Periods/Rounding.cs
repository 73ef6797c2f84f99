using Mindguard.Features.Status.Metrics;

namespace Mindguard.Features.Status.Periods;

/// <summary>
/// Published means are rounded so that no one's value can be recovered exactly from a mean and a count:
/// WHO-5 and burnout to whole numbers (their scales run to 100), everything else to one decimal.
/// </summary>
public static class Rounding
{
    public static int Decimals(string metric) => metric is Metric.Who5 or Metric.Burnout ? 0 : 1;

    public static double Mean(string metric, double value) => Math.Round(value, Decimals(metric), MidpointRounding.AwayFromZero);

    public static LevelCount Level(int count) => count is > 0 and < 3 ? new LevelCount(null, true) : new LevelCount(count, false);
}
