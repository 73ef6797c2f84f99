// The webhook under load (SPEC §11: p99 < 50 ms at 300 check-in answers/s), next to a minimal endpoint
// doing the same PostgreSQL, Redis and Bot API work, in one run on one machine. See bench/README.md.
using System.Diagnostics;
using Mindguard.Bench.Webhook;
using Mindguard.Features.Checkin;
using Mindguard.Features.Checkin.Sessions;
using Mindguard.Infrastructure.Database;
using Npgsql;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

var settings = BenchSettings.FromEnvironment(args.Length == 1 ? args[0] : throw new ArgumentException("usage: Mindguard.Bench.Webhook <published Mindguard.dll>"));
// The owner acting as the system: row-level security is forced, so the owner sees only what a policy lets it.
await using var db = NpgsqlDataSource.Create(
    new NpgsqlConnectionStringBuilder(ConnectionUrls.ToNpgsql(settings.DatabaseUrl)) { Options = "-c app.role=system" }.ConnectionString);
await using var redisConnection = await ConnectionMultiplexer.ConnectAsync(ConnectionUrls.ToRedis(settings.RedisUrl));
await using var telegram = await FakeTelegram.StartAsync();
var minimalPrefix = $"bench-minimal-{Environment.ProcessId}:";
string? appPrefix = null;

try
{
    if (settings.Help)
    {
        await using var helpApp = await AppProcess.StartAsync(settings, telegram.BaseUrl);
        appPrefix = helpApp.RedisKeyPrefix;
        using var helpWebhook = new Webhook(new Uri(helpApp.BaseUrl, "/telegram/webhook"));
        Console.WriteLine($"/help at {settings.Rate}/s for {settings.WarmupSeconds} + {settings.Seconds} s from {HelpLoad.Chats:N0} chats…");
        return await HelpLoad.RunAsync(settings, helpWebhook, telegram);
    }

    if (settings.Overload) return await OverloadRun.RunAsync(settings, db, redisConnection, telegram, minimalPrefix, prefix => appPrefix = prefix);

    Measured mindguard;
    DateOnly appDate;
    var generatorCpu = TimeSpan.Zero;
    await using (var app = await AppProcess.StartAsync(settings, telegram.BaseUrl))
    {
        appPrefix = app.RedisKeyPrefix;
        using var webhook = new Webhook(new Uri(app.BaseUrl, "/telegram/webhook"));
        var seeding = Stopwatch.StartNew();
        Console.WriteLine($"Seeding {settings.People:N0} people through the app (invite, /start CODE, /checkin)…");
        await Seeder.SeedAsync(app, webhook, telegram, settings.People);
        Console.WriteLine($"  done in {seeding.Elapsed.TotalSeconds:0} s");
        appDate = await Seeder.SessionDateAsync(redisConnection.GetDatabase().WithKeyPrefix(app.RedisKeyPrefix), telegram);
        // The minimal endpoint answers the day before the app's, so the history ends before both.
        Console.WriteLine($"Giving everyone {History.Days} days of earlier check-ins and analysing the tables…");
        await History.SeedAsync(db, appDate.AddDays(-1));

        Console.WriteLine($"Mindguard: {settings.Rate}/s for {settings.WarmupSeconds} + {settings.Seconds} s…");
        telegram.ResetCounts();
        var (appCpu, benchCpu) = (TimeSpan.Zero, TimeSpan.Zero);
        var load = await LoadGenerator.RunAsync("Mindguard", webhook, telegram, settings, () => (appCpu, benchCpu) = (app.CpuTime(), BenchCpu()));
        (appCpu, generatorCpu) = (app.CpuTime() - appCpu, BenchCpu() - benchCpu);
        mindguard = new Measured(load, await StoredAnswers.OnAsync(db, appDate), telegram.CallCounts(), appCpu);
        Console.WriteLine($"  app resident memory after the load: {app.ResidentMegabytes()} MB; log: {app.LogPath}");
    }
    var deadLetters = await StoredAnswers.DeadLettersAsync(db);

    // The app is stopped first, so the baseline has the machine to itself as the app had.
    var minimalDate = appDate.AddDays(-1);
    var redis = redisConnection.GetDatabase().WithKeyPrefix(minimalPrefix);
    var checkinOptions = new CheckinOptions();
    Console.WriteLine("Minimal endpoint: opening the same people's check-ins for the day before…");
    await MinimalSessions.OpenAsync(db, redis, telegram, minimalDate, checkinOptions);
    using var botApi = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue })
    {
        BaseAddress = new Uri(telegram.BaseUrl, $"/bot{AppProcess.BotToken}/"),
    };
    Measured minimal;
    await using (var endpoint = await MinimalEndpoint.StartAsync(redis, new MinimalCheckin(db, redis, botApi, checkinOptions)))
    using (var webhook = new Webhook(endpoint.WebhookUrl))
    {
        Console.WriteLine($"Minimal endpoint: {settings.Rate}/s for {settings.WarmupSeconds} + {settings.Seconds} s…");
        telegram.ResetCounts();
        var benchCpu = TimeSpan.Zero;
        var load = await LoadGenerator.RunAsync("minimal endpoint", webhook, telegram, settings, () => benchCpu = BenchCpu());
        // The generator and the fake Telegram did the same work in both runs: what is left is the endpoint's.
        minimal = new Measured(load, await StoredAnswers.OnAsync(db, minimalDate), telegram.CallCounts(), BenchCpu() - benchCpu - generatorCpu);
    }

    ResultsTable.Print(settings, mindguard, minimal, deadLetters);
    return mindguard.Intact && minimal.Intact && deadLetters == 0 ? 0 : 1;
}
finally
{
    foreach (var prefix in new[] { appPrefix, minimalPrefix }.OfType<string>()) await DeleteKeysAsync(redisConnection, prefix);
}

static TimeSpan BenchCpu() => Process.GetCurrentProcess().TotalProcessorTime;

// The Redis server is shared with the test suite: leave nothing behind (update ids are kept for 48 h otherwise).
static async Task DeleteKeysAsync(IConnectionMultiplexer redis, string prefix)
{
    var server = redis.GetServers()[0];
    var database = redis.GetDatabase();
    var batch = new List<RedisKey>();
    await foreach (var key in server.KeysAsync(pattern: prefix + "*", pageSize: 1000))
    {
        batch.Add(key);
        if (batch.Count < 1000) continue;
        await database.KeyDeleteAsync([.. batch]);
        batch.Clear();
    }
    if (batch.Count > 0) await database.KeyDeleteAsync([.. batch]);
}
