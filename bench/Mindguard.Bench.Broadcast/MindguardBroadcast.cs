using System.Diagnostics;
using Mindguard.Bench.Broadcast.FakeTelegram;
using Mindguard.Bench;
using Npgsql;

namespace Mindguard.Bench.Broadcast;

/// <summary>When the second replica was killed, and how far the broadcast had got.</summary>
public sealed record KillReport(int AcceptedBefore, TimeSpan At);

/// <summary>
/// The app's own broadcast: two published replicas on one database and Redis, the daily dispatch
/// job on its every-minute schedule, the outbox workers sending. One replica is killed with SIGKILL
/// once <see cref="BenchSettings.KillAt"/> messages were accepted; the other has to finish.
/// </summary>
public static class MindguardBroadcast
{
    public const string BotToken = "123456:BENCH-token-for-the-fake-telegram";

    public static async Task<(KillReport? Kill, OutboxState Outbox)> RunAsync(
        BenchSettings settings, FakeTelegramServer telegram, Phase phase, BenchDatabase database, CrisisProbe? probe = null)
    {
        var app = Settings(settings, telegram, database);
        await using var first = AppReplica.Start("replica-1", settings.AppDll, 18301, app, settings.WorkDir);
        await using var second = AppReplica.Start("replica-2", settings.AppDll, 18302, app, settings.WorkDir);
        await Task.WhenAll(first.WaitReadyAsync(TimeSpan.FromSeconds(60)), second.WaitReadyAsync(TimeSpan.FromSeconds(60)));
        Console.WriteLine($"Both replicas ready; waiting for the dispatch job's next minute (logs: {first.LogPath}, {second.LogPath})");

        await using var owner = new NpgsqlConnection(database.OwnerConnectionString);
        await owner.OpenAsync();
        var killer = KillMidwayAsync(settings, telegram, phase, second);
        // The crises come after the kill, so the surviving replica alone carries them beside the broadcast.
        var crises = probe?.RunAsync(Math.Max(settings.KillAt, settings.People / 10) + 200, CancellationToken.None) ?? Task.CompletedTask;
        var state = await WaitUntilDrainedAsync(settings, phase, owner, first);
        await crises;
        return (await killer, state);
    }

    private static async Task<KillReport?> KillMidwayAsync(BenchSettings settings, FakeTelegramServer telegram, Phase phase, AppReplica victim)
    {
        if (settings.KillAt <= 0) return null;
        while (phase.Ledger.AcceptedCount < settings.KillAt)
        {
            if (victim.Exited) return null;
            await Task.Delay(20);
        }
        // A crash comes at no particular moment: not always just after a send was accepted, which is
        // when this loop notices the count and would otherwise kill.
        await Task.Delay(TimeSpan.FromMilliseconds(new Random(settings.Seed).Next(0, 1000)));
        var report = new KillReport(phase.Ledger.AcceptedCount, telegram.Now);
        victim.Kill();
        Console.WriteLine($"SIGKILL {victim.Name} after {report.AcceptedBefore:N0} accepted messages");
        return report;
    }

    private static async Task<OutboxState> WaitUntilDrainedAsync(BenchSettings settings, Phase phase, NpgsqlConnection owner, AppReplica survivor)
    {
        // Generous: the dispatch minute, the broadcast at a third of the limit, and a lease or two.
        var limit = TimeSpan.FromSeconds(120 + settings.People / 10.0 + 300);
        var watch = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            var state = await OutboxState.ReadAsync(owner);
            if (state.Drained(settings.People)) return state;
            if (survivor.Exited) throw new InvalidOperationException($"{survivor.Name} exited; see {survivor.LogPath}");
            if (watch.Elapsed > limit)
            {
                Console.WriteLine($"Gave up after {watch.Elapsed:mm\\:ss}: {state}");
                return state;
            }
            if (watch.Elapsed - lastReport >= TimeSpan.FromSeconds(15))
            {
                lastReport = watch.Elapsed;
                Console.WriteLine($"  {watch.Elapsed:mm\\:ss} {phase.Ledger.AcceptedCount:N0} accepted; {state}");
            }
            await Task.Delay(500);
        }
    }

    private static Dictionary<string, string> Settings(BenchSettings settings, FakeTelegramServer telegram, BenchDatabase database) => new()
    {
        ["DATABASE_URL"] = database.Url,
        ["REDIS_URL"] = settings.RedisUrl,
        ["REDIS_KEY_PREFIX"] = $"bench-broadcast-{Guid.NewGuid():N}:",
        ["MINDGUARD_ENCRYPTION_KEYS"] = $"1:{Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}",
        ["TELEGRAM_BOT_TOKEN"] = BotToken,
        // Polling needs no public URL; the fake holds each long poll and answers it empty.
        ["TELEGRAM_MODE"] = "polling",
        ["TELEGRAM_API_BASE_URL"] = telegram.BaseUrl.ToString(),
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Jobs__DispatchDueCheckins"] = "* * * * *",
        ["Jobs__SendReminders"] = "off",
        ["Jobs__EvaluateAlerts"] = "off",
        ["Jobs__SendWeeklySummaries"] = "off",
        ["Jobs__CrisisFollowUp"] = "off",
        ["Jobs__SendWallDigest"] = "off",
        ["Jobs__ReleaseWallPosts"] = "off",
        ["Jobs__CleanUp"] = "off",
    };
}
