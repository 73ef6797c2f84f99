using System.Diagnostics;

namespace Mindguard.Bench;

public sealed record Stats(int Runs, double Median, double P95, double Min);

public static class Measure
{
    /// <summary>Warms up (JIT, connection pool, plan cache), then times each run separately.</summary>
    /// <param name="untimed">Run before each run, outside the timing (resetting state the work changes).</param>
    public static async Task<Stats> RunAsync(int runs, Func<Task> work, Func<Task>? untimed = null)
    {
        for (var i = 0; i < 3; i++)
        {
            if (untimed is not null) await untimed();
            await work();
        }
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            if (untimed is not null) await untimed();
            var watch = Stopwatch.StartNew();
            await work();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return new Stats(runs, times[runs / 2], times[(int)Math.Ceiling(runs * 0.95) - 1], times[0]);
    }
}
