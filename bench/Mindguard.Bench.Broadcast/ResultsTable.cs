namespace Mindguard.Bench.Broadcast;

/// <summary>The markdown the benchmark ends with.</summary>
public static class ResultsTable
{
    public static void Print(BenchSettings settings, PhaseResult app, PhaseResult? naive)
    {
        Console.WriteLine();
        Console.WriteLine($"Fake Telegram: ≤ {BenchSettings.GlobalPerSecond} accepted messages in any 1 s window, ≤ {BenchSettings.ChatPerSecond} per chat, " +
                          $"{settings.InjectedShare:P1} of sends refused with an injected 429 (retry_after 1 s, seed {settings.Seed}); every retry_after is enforced.");
        Console.WriteLine();
        Console.WriteLine("| sender | messages | duration | msgs/s | steady msgs/s | lost | duplicated | 429s (enforced + injected) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Row(app);
        if (naive is not null) Row(naive);
        Console.WriteLine();
        foreach (var r in naive is null ? [app] : new[] { app, naive })
        {
            Console.WriteLine($"429s to {r.Name}: " + string.Join(", ", r.RefusalsByCause.Select(c => $"{Cause(c.Key)} {c.Value:N0}")) +
                              $"; {r.Paused.TotalSeconds:0.0} s under a bot-wide retry_after; {r.ExtraMessages:N0} messages beyond the first to a chat.");
        }
        Console.WriteLine();
        if (naive is not null && naive.Rate > 0)
        {
            Console.WriteLine($"Ratio Mindguard / naive: {app.Rate / naive.Rate:0.00}× the messages per second, " +
                              $"{app.Lost:N0} lost against {naive.Lost:N0}.");
        }
        Console.WriteLine($"SPEC §11 target (≥ 29 msg/s, 0 lost, 0 duplicated, 2 replicas, one killed): " +
                          $"{Mark(app.Rate >= 29)} {app.Rate:0.0} msg/s, {Mark(app.Lost == 0)} {app.Lost} lost, {Mark(app.DuplicatedChats == 0)} {app.DuplicatedChats} duplicated" +
                          (app.InjectedRefusals > 0 ? $" (with {app.InjectedRefusals} injected 429s, each a bot-wide pause; BENCH_INJECTED_429=0 measures the target as SPEC states it)" : ""));
    }

    public static void PrintCrises(IReadOnlyList<TimeSpan?> latencies)
    {
        var arrived = latencies.OfType<TimeSpan>().OrderBy(t => t).ToList();
        double Ms(double q) => arrived.Count == 0 ? double.NaN : arrived[Math.Min(arrived.Count - 1, (int)Math.Ceiling(q * arrived.Count) - 1)].TotalMilliseconds;
        Console.WriteLine();
        Console.WriteLine($"Crisis resources recorded mid-broadcast: {arrived.Count} of {latencies.Count} accepted; " +
                          $"p50 {Ms(0.5):0} ms, p99 {Ms(0.99):0} ms, max {Ms(1):0} ms (recorded → accepted by the fake Telegram).");
        Console.WriteLine($"SPEC §11 target (crisis message mid-broadcast accepted within 2 s, p99 over {latencies.Count}): " +
                          $"{Mark(arrived.Count == latencies.Count && Ms(0.99) < 2000)} {Ms(0.99):0} ms");
    }

    private static void Row(PhaseResult r) =>
        Console.WriteLine($"| {r.Name} | {r.Accepted:N0} accepted of {r.Expected:N0} | {r.Duration.TotalSeconds:0.0} s | {r.Rate:0.00} | {r.SteadyRate:0.00} | " +
                          $"{r.Lost:N0} | {r.DuplicatedChats:N0} | {r.EnforcedRefusals + r.InjectedRefusals:N0} ({r.EnforcedRefusals:N0} + {r.InjectedRefusals:N0}) |");

    private static string Cause(FakeTelegram.Refusal refusal) => refusal switch
    {
        FakeTelegram.Refusal.GlobalLimit => "over 30 in a second",
        FakeTelegram.Refusal.ChatLimit => "over 1 in a second to one chat",
        FakeTelegram.Refusal.DuringRetryAfter => "sent during a retry_after",
        _ => "injected",
    };

    private static string Mark(bool met) => met ? "✓" : "✗";
}
