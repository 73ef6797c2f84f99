using System.Net;

namespace Mindguard.Bench.Webhook;

/// <summary>One request: when it was due and answered (ms since the load began), and its HTTP status (0: no answer).</summary>
public sealed record Outcome(double DueMs, double AnsweredMs, int Status)
{
    public double LatencyMs => AnsweredMs - DueMs;
}

/// <summary>What one target did under the measured part of the load (the warm-up is left out of every figure but <see cref="OkIncludingWarmup"/>).</summary>
public sealed record LoadResult(
    string Target, int Requests, int Ok, int NotOk, int Errors, double Throughput,
    double P50, double P90, double P99, double Max, int OkIncludingWarmup, double WorstScheduleLagMs)
{
    public static LoadResult From(string target, int seconds, IReadOnlyList<Outcome> measured, int okIncludingWarmup, double worstLagMs)
    {
        var latencies = measured.Where(o => o.Status != 0).Select(o => o.LatencyMs).Order().ToArray();
        var ok = measured.Count(o => o.Status == (int)HttpStatusCode.OK);
        var errors = measured.Count(o => o.Status == 0);
        // From the first measured request's due time to the last answer: a backlog stretches it and lowers the rate.
        var span = measured.Count == 0 ? seconds : Math.Max(seconds, (measured.Max(o => o.AnsweredMs) - measured[0].DueMs) / 1000);
        return new LoadResult(target, measured.Count, ok, measured.Count - ok - errors, errors, ok / span,
            Percentile(latencies, 0.50), Percentile(latencies, 0.90), Percentile(latencies, 0.99), latencies.LastOrDefault(),
            okIncludingWarmup, worstLagMs);
    }

    // Nearest rank: the value at or below which the given share of answers lie.
    private static double Percentile(double[] sorted, double share) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Length) - 1, 0, sorted.Length - 1)];
}
