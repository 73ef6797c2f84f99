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
        Console.WriteLine("| sender | messages | duration | msgs/s | steady msgs/s | msgs/s outside retry_after | lost | duplicated | 429s (enforced + injected) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        Row(app);
        if (naive is not null) Row(naive);
        Console.WriteLine();
        if (naive is not null && naive.Rate > 0)
        {
            Console.WriteLine($"Ratio Mindguard / naive: {app.Rate / naive.Rate:0.00}× the messages per second, " +
                              $"{app.Lost:N0} lost against {naive.Lost:N0}.");
        }
        var rateMet = app.RateWhileAllowed >= 29;
        Console.WriteLine($"SPEC §11 target (≥ 29 msg/s, 0 lost, 0 duplicated, 2 replicas, one killed): " +
                          $"{Mark(rateMet)} {app.RateWhileAllowed:0.0} msg/s outside Telegram's retry_after ({app.Rate:0.0} msg/s overall, {app.Paused.TotalSeconds:0} s paused by 429s), " +
                          $"{Mark(app.Lost == 0)} {app.Lost} lost, {Mark(app.DuplicatedChats == 0)} {app.DuplicatedChats} duplicated");
    }

    private static void Row(PhaseResult r) =>
        Console.WriteLine($"| {r.Name} | {r.Accepted:N0} accepted of {r.Expected:N0} | {r.Duration.TotalSeconds:0.0} s | {r.Rate:0.00} | {r.SteadyRate:0.00} | " +
                          $"{r.RateWhileAllowed:0.00} | {r.Lost:N0} | {r.DuplicatedChats:N0} | {r.EnforcedRefusals + r.InjectedRefusals:N0} ({r.EnforcedRefusals:N0} + {r.InjectedRefusals:N0}) |");

    private static string Mark(bool met) => met ? "✓" : "✗";
}
