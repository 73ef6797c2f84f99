using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mindguard.Bench;
using Mindguard.Bench.Broadcast;
using Mindguard.Bench.Broadcast.FakeTelegram;
using Mindguard.Infrastructure.Database;

// A 10,000-person check-in broadcast against a fake Telegram that enforces 30 msg/s and 1 msg/s per
// chat (SPEC §9, §11): the app with two replicas, one killed midway, then the original system's
// naive loop against the same fake. See bench/README.md.
var settings = BenchSettings.FromEnvironment();
Phase NewPhase() => new(new FloodControl(BenchSettings.GlobalPerSecond, BenchSettings.ChatPerSecond, settings.InjectedShare, settings.Seed), new Ledger());

var database = await BenchDatabase.CreateAsync(settings.ServerUrl);
try
{
    Console.WriteLine($"Migrating a throwaway database and seeding {settings.People:N0} people due for a check-in…");
    await new DatabaseMigrator(Options.Create(new DatabaseOptions { Url = database.Url }), NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
    var people = await PeopleSeeder.SeedAsync(database.OwnerConnectionString, settings.People, firstChatId: 9_000_000_000);

    var broadcast = NewPhase();
    await using var telegram = await FakeTelegramServer.StartAsync(broadcast);
    var probe = new CrisisProbe(database.OwnerConnectionString, telegram, broadcast);
    await probe.SeedAsync(firstChatId: 7_000_000_000);
    var (kill, outbox) = await MindguardBroadcast.RunAsync(settings, telegram, broadcast, database, probe);
    var app = PhaseResult.From(kill is null ? "Mindguard, 2 replicas" : "Mindguard, 2 replicas, 1 killed", broadcast, people);
    Console.WriteLine($"Mindguard: {outbox}");
    if (kill is not null) Console.WriteLine($"Replica 2 was killed {kill.At.TotalSeconds:0.0} s into the run, after {kill.AcceptedBefore:N0} accepted messages.");

    PhaseResult? naive = null;
    if (settings.RunNaive)
    {
        // Other chats, fresh limits and record: nothing of the app's run carries over.
        var naivePhase = NewPhase();
        telegram.Begin(naivePhase);
        var chats = Enumerable.Range(0, settings.People).Select(i => 8_000_000_000L + i).ToList();
        Console.WriteLine($"Naive: {chats.Count:N0} messages one by one, {settings.NaiveSleepMs} ms apart, 429s ignored…");
        await NaiveSender.SendAllAsync(telegram.BaseUrl, MindguardBroadcast.BotToken, chats, "Time for your check-in", TimeSpan.FromMilliseconds(settings.NaiveSleepMs));
        naive = PhaseResult.From($"naive, {settings.NaiveSleepMs} ms sleep", naivePhase, chats);
    }

    ResultsTable.Print(settings, app, naive);
    ResultsTable.PrintCrises(probe.Latencies());
}
finally
{
    await database.DropAsync();
}
