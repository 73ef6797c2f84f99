using System.Diagnostics;
using Mindguard.Features.Checkin;
using Npgsql;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Mindguard.Bench.Webhook;

/// <summary>
/// The overload scenario end to end: seed through the app, measure its capacity, overload it at twice
/// that, probe its recovery, check that every acknowledged answer is stored once, then measure the
/// minimal endpoint's capacity on the same people for the day before. See <see cref="OverloadLoad"/>.
/// </summary>
public static class OverloadRun
{
    private const int CapacityWarmupSeconds = 5;
    private const int CapacitySeconds = 10;
    private const double CapacityShareTarget = 0.7;

    public static async Task<int> RunAsync(
        BenchSettings settings, NpgsqlDataSource db, IConnectionMultiplexer redis, FakeTelegram telegram, string minimalPrefix, Action<string> appPrefix)
    {
        long acknowledged = 0;
        void Count(bool ok)
        {
            if (ok) Interlocked.Increment(ref acknowledged);
        }

        Saturation appCapacity;
        OverloadResult overload;
        long stored;
        DateOnly appDate;
        await using (var app = await AppProcess.StartAsync(settings, telegram.BaseUrl))
        {
            appPrefix(app.RedisKeyPrefix);
            using var webhook = new Webhook(new Uri(app.BaseUrl, "/telegram/webhook"));
            var seeding = Stopwatch.StartNew();
            Console.WriteLine($"Seeding {settings.People:N0} people through the app (invite, /start CODE, /checkin)…");
            await Seeder.SeedAsync(app, webhook, telegram, settings.People);
            Console.WriteLine($"  done in {seeding.Elapsed.TotalSeconds:0} s");
            appDate = await Seeder.SessionDateAsync(redis.GetDatabase().WithKeyPrefix(app.RedisKeyPrefix), telegram);
            Console.WriteLine($"Giving everyone {History.Days} days of earlier check-ins and analysing the tables…");
            await History.SeedAsync(db, appDate.AddDays(-1));

            var pool = new PersonPool(telegram, settings.People);
            Console.WriteLine($"Mindguard capacity: {OverloadLoad.Concurrency} taps in flight for {CapacityWarmupSeconds} + {CapacitySeconds} s…");
            appCapacity = await OverloadLoad.SaturateAsync("Mindguard", webhook, pool, CapacityWarmupSeconds, CapacitySeconds, Count);
            var rate = 2 * appCapacity.PerSecond;
            Console.WriteLine($"  {appCapacity.PerSecond:0} answers/s; overloading at {rate:0}/s for {settings.Seconds} s, then probes at {OverloadLoad.ProbeRate}/s…");
            overload = await OverloadLoad.OverloadAsync(webhook, pool, rate, settings.Seconds, Count);
            stored = await StoredAnswers.OnAsync(db, appDate);
            Console.WriteLine($"  app resident memory after the load: {app.ResidentMegabytes()} MB; log: {app.LogPath}");
        }
        var deadLetters = await StoredAnswers.DeadLettersAsync(db);

        var minimalDate = appDate.AddDays(-1);
        var minimalRedis = redis.GetDatabase().WithKeyPrefix(minimalPrefix);
        var checkinOptions = new CheckinOptions();
        Console.WriteLine("Minimal endpoint: opening the same people's check-ins for the day before…");
        await MinimalSessions.OpenAsync(db, minimalRedis, telegram, minimalDate, checkinOptions);
        using var botApi = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue })
        {
            BaseAddress = new Uri(telegram.BaseUrl, $"/bot{AppProcess.BotToken}/"),
        };
        Saturation minimalCapacity;
        await using (var endpoint = await MinimalEndpoint.StartAsync(minimalRedis, new MinimalCheckin(db, minimalRedis, botApi, checkinOptions)))
        using (var webhook = new Webhook(endpoint.WebhookUrl))
        {
            Console.WriteLine($"Minimal endpoint capacity: {OverloadLoad.Concurrency} taps in flight for {CapacityWarmupSeconds} + {CapacitySeconds} s…");
            minimalCapacity = await OverloadLoad.SaturateAsync("minimal endpoint", webhook, new PersonPool(telegram, settings.People),
                CapacityWarmupSeconds, CapacitySeconds, _ => { });
        }

        return Print(settings, appCapacity, minimalCapacity, overload, stored, Interlocked.Read(ref acknowledged), deadLetters);
    }

    private static int Print(BenchSettings settings, Saturation app, Saturation minimal, OverloadResult overload, long stored, long acknowledged, long deadLetters)
    {
        var share = app.PerSecond / minimal.PerSecond;
        Console.WriteLine();
        Console.WriteLine($"Webhook overload: capacity measured closed-loop ({OverloadLoad.Concurrency} taps in flight, {CapacitySeconds} s), " +
                          $"then open loop at twice the app's for {settings.Seconds} s, then {OverloadLoad.ProbeRate}/s probes for {OverloadLoad.ProbeSeconds} s; {settings.People:N0} people.");
        Console.WriteLine();
        Console.WriteLine("| capacity | answers/s |");
        Console.WriteLine("|---|---|");
        Console.WriteLine($"| Mindguard | {app.PerSecond:0} |");
        Console.WriteLine($"| minimal endpoint | {minimal.PerSecond:0} |");
        Console.WriteLine();
        Console.WriteLine("| overload rate | taps | 200 | 503 | other | nobody ready | p99 of 200s | p99 of 503s | slowest answer | recovery | stored = 200s (all phases) | dead letters |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {overload.Rate:0}/s | {overload.Overload.Count:N0} | {overload.Ok:N0} | {overload.Refused:N0} | {overload.Other:N0} | {overload.NobodyReady:N0} | " +
                          $"{overload.OkP99Ms:0.0} ms | {overload.RefusedP99Ms:0.0} ms | {overload.MaxMs:0} ms | {overload.RecoverySeconds:0.0} s | " +
                          $"{stored:N0} = {acknowledged:N0} {(stored == acknowledged ? "✓" : "✗")} | {deadLetters} |");
        Console.WriteLine();
        Console.WriteLine($"Issue 18 targets: every tap answered within 2 s (200 or 503): {Mark(overload.MaxMs <= OverloadResult.AnswerWithinMs && overload.Other == 0)}; " +
                          $"stored = 200s: {Mark(stored == acknowledged)}; p99 of the 200s < {OverloadResult.OkP99TargetMs} ms: {Mark(overload.OkP99Ms < OverloadResult.OkP99TargetMs)}; " +
                          $"recovery within 5 s: {Mark(overload.RecoverySeconds <= 5)}; capacity ≥ {CapacityShareTarget}× the minimal endpoint's: {Mark(share >= CapacityShareTarget)} ({share:0.00}×).");
        // Losing or duplicating an acknowledged answer fails the run; missed speed targets are reported.
        return stored == acknowledged && deadLetters == 0 && overload.Other == 0 ? 0 : 1;
    }

    private static string Mark(bool met) => met ? "✓" : "✗";
}
