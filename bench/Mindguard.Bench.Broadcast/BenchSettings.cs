namespace Mindguard.Bench.Broadcast;

/// <summary>The knobs, from environment variables (see bench/README.md).</summary>
public sealed record BenchSettings(
    int People, int KillAt, double InjectedShare, int Seed, int NaiveSleepMs, bool RunNaive,
    string AppDll, string WorkDir, string ServerUrl, string RedisUrl)
{
    /// <summary>What Telegram allows, and what the fake enforces.</summary>
    public const int GlobalPerSecond = 30;
    public const int ChatPerSecond = 1;

    public static BenchSettings FromEnvironment()
    {
        var people = Int("BENCH_PEOPLE", 10_000);
        return new BenchSettings(
            People: people,
            KillAt: Int("BENCH_KILL_AT", people / 2),
            InjectedShare: double.Parse(Env("BENCH_INJECTED_429") ?? "0.005", System.Globalization.CultureInfo.InvariantCulture),
            Seed: Int("BENCH_SEED", 42),
            NaiveSleepMs: Int("BENCH_NAIVE_SLEEP_MS", 35),
            RunNaive: Env("BENCH_NAIVE") != "0",
            AppDll: Env("BENCH_APP_DLL") ?? throw new InvalidOperationException("BENCH_APP_DLL must point at a published Mindguard.dll (bench/run-broadcast.sh sets it)"),
            WorkDir: Env("BENCH_WORK_DIR") ?? Path.GetTempPath(),
            ServerUrl: Env("DATABASE_URL") ?? "postgres://mindguard:mindguard@127.0.0.1:55432/mindguard",
            RedisUrl: Env("REDIS_URL") ?? "redis://127.0.0.1:56379");
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    private static int Int(string name, int fallback) => Env(name) is { } v ? int.Parse(v) : fallback;
}
