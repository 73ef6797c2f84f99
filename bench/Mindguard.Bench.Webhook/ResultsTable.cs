using System.Globalization;

namespace Mindguard.Bench.Webhook;

/// <summary>One target's run with what was checked afterwards.</summary>
/// <param name="ServerCpu">CPU the target itself used while the measured requests were sent and answered.</param>
public sealed record Measured(LoadResult Load, long Stored, IReadOnlyDictionary<string, int> BotApiCalls, TimeSpan ServerCpu)
{
    public double CpuMsPerAnswer => Load.Ok == 0 ? 0 : ServerCpu.TotalMilliseconds / Load.Ok;

    /// <summary>Every 200 (warm-up included) is one stored answer: nothing lost, nothing stored twice.</summary>
    public bool Intact => Stored == Load.OkIncludingWarmup;

    public double BotApiCallsPerAnswer => Load.OkIncludingWarmup == 0 ? 0 : BotApiCalls.Values.Sum() / (double)Load.OkIncludingWarmup;
}

/// <summary>The markdown the run ends with.</summary>
public static class ResultsTable
{
    public const double TargetRate = 300;
    public const double TargetP99Ms = 50;

    public static void Print(BenchSettings settings, Measured mindguard, Measured minimal, long deadLetters)
    {
        Console.WriteLine();
        Console.WriteLine($"Webhook check-in answers, open loop at {N(settings.Rate)}/s for {settings.Seconds} s after a {settings.WarmupSeconds} s warm-up; " +
                          $"{settings.People:N0} people, latency from each request's scheduled time.");
        Console.WriteLine();
        Console.WriteLine("| target | requests | 200 | non-200 | errors | throughput | p50 | p90 | p99 | max | stored = 200s (with warm-up) | Bot API calls / answer | server CPU / answer |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        Row(mindguard);
        Row(minimal);
        Console.WriteLine($"| **Mindguard / minimal** | | | | | **{Ratio(mindguard.Load.Throughput, minimal.Load.Throughput)}** | " +
                          $"{Ratio(mindguard.Load.P50, minimal.Load.P50)} | {Ratio(mindguard.Load.P90, minimal.Load.P90)} | " +
                          $"**{Ratio(mindguard.Load.P99, minimal.Load.P99)}** | | | | {Ratio(mindguard.CpuMsPerAnswer, minimal.CpuMsPerAnswer)} |");
        Console.WriteLine();

        var l = mindguard.Load;
        var met = l.P99 < TargetP99Ms && l.Throughput >= 0.99 * TargetRate && l.NotOk == 0 && l.Errors == 0;
        var verdict = settings.Rate < TargetRate ? $"— (run at {N(settings.Rate)}/s, below the target rate)" : met ? "✓" : "✗";
        Console.WriteLine("| SPEC §11 target | measured | met |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| webhook p99 < {N(TargetP99Ms)} ms at {N(TargetRate)} updates/s sustained | p99 {Ms(l.P99)} at {N(l.Throughput)}/s, {l.NotOk + l.Errors} failed | {verdict} |");
        Console.WriteLine($"| zero loss, zero duplicates (stored answers = 200s), no dead letters | Mindguard {mindguard.Stored:N0} = {l.OkIncludingWarmup:N0}, dead letters {deadLetters} | {(mindguard.Intact && deadLetters == 0 ? "✓" : "✗")} |");
        Console.WriteLine();
        Console.WriteLine($"Generator: worst lag behind schedule {Ms(l.WorstScheduleLagMs)} (Mindguard), {Ms(minimal.Load.WorstScheduleLagMs)} (minimal); " +
                          "a lag of more than a few ms means the machine, not only the target, was saturated.");
    }

    private static void Row(Measured m)
    {
        var l = m.Load;
        Console.WriteLine($"| {l.Target} | {l.Requests:N0} | {l.Ok:N0} | {l.NotOk} | {l.Errors} | {N(l.Throughput)}/s | {Ms(l.P50)} | {Ms(l.P90)} | {Ms(l.P99)} | {Ms(l.Max)} | " +
                          $"{m.Stored:N0} = {l.OkIncludingWarmup:N0} {(m.Intact ? "✓" : "✗")} | {m.BotApiCallsPerAnswer.ToString("0.00", CultureInfo.InvariantCulture)} | {m.CpuMsPerAnswer.ToString("0.00", CultureInfo.InvariantCulture)} ms |");
    }

    private static string Ratio(double a, double b) => b > 0 ? (a / b).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "—";

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " ms";

    private static string N(double value) => value.ToString(value < 100 ? "0.#" : "0", CultureInfo.InvariantCulture);
}
