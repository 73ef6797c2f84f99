using System.Globalization;

namespace Mindguard.Bench.Webhook;

/// <summary>The knobs, all from the environment so the one command stays one command.</summary>
public sealed record BenchSettings(
    string AppDll, string DatabaseUrl, string RedisUrl, double Rate, int Seconds, int WarmupSeconds, string AppLogLevel, bool Lockstep = false, bool Help = false, bool Overload = false, int OverloadPeople = 9_000)
{
    /// <summary>Daily check-ins ask five questions, and an answer is unique per person, date and question.</summary>
    public const int AnswersPerPerson = 5;

    public int TotalRequests => (int)Math.Ceiling(Rate * (WarmupSeconds + Seconds));

    /// <summary>People per cohort (see <see cref="TapOrder"/>): one second of requests, so a person taps at most once a second.</summary>
    public int CohortSize => (int)Math.Ceiling(Rate);

    /// <summary>Everyone the tap order needs; each answers at most five questions, all fresh.</summary>
    /// <remarks>The overload scenario cannot plan taps ahead (refused ones are tapped again), so it takes <c>BENCH_PEOPLE</c>.</remarks>
    public int People => Overload ? OverloadPeople : TapOrder.People(TotalRequests, CohortSize, Lockstep);

    public static BenchSettings FromEnvironment(string appDll) => new(
        appDll,
        Required("DATABASE_URL"),
        Required("REDIS_URL"),
        Number("BENCH_RATE", 300),
        (int)Number("BENCH_SECONDS", 60),
        (int)Number("BENCH_WARMUP_SECONDS", 12),
        Environment.GetEnvironmentVariable("BENCH_APP_LOG_LEVEL") is { Length: > 0 } level ? level : "Warning",
        Environment.GetEnvironmentVariable("BENCH_TAP_ORDER") switch
        {
            null or "" or "cohorts" => false,
            "lockstep" => true,
            var other => throw new InvalidOperationException($"BENCH_TAP_ORDER must be cohorts or lockstep, not {other}"),
        },
        Scenario() == "help",
        Scenario() == "overload",
        (int)Number("BENCH_PEOPLE", 9_000));

    private static string Scenario() => Environment.GetEnvironmentVariable("BENCH_SCENARIO") switch
    {
        null or "" => "checkin",
        var known and ("checkin" or "help" or "overload") => known,
        var other => throw new InvalidOperationException($"BENCH_SCENARIO must be checkin, help or overload, not {other}"),
    };

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : throw new InvalidOperationException($"{name} is not set");

    private static double Number(string name, double fallback)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrEmpty(text)) return fallback;
        var value = double.Parse(text, CultureInfo.InvariantCulture);
        return value > 0 ? value : throw new InvalidOperationException($"{name} must be above 0");
    }
}
