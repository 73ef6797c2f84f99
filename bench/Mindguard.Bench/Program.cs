using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mindguard.Bench;
using Mindguard.Features.Status;
using Mindguard.Features.Status.Aggregates;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Privacy;
using Npgsql;

// Status and aggregate queries at scale (SPEC §11): /status for a person with 365 days of answers
// (target < 20 ms median) and a team aggregate over 1,000 people × 90 days (target < 100 ms median).
var serverUrl = Environment.GetEnvironmentVariable("DATABASE_URL") ?? "postgres://mindguard:mindguard@127.0.0.1:55432/mindguard";
var iterations = int.TryParse(Environment.GetEnvironmentVariable("BENCH_ITERATIONS"), out var n) ? n : 50;

var database = await BenchDatabase.CreateAsync(serverUrl);
try
{
    Console.WriteLine($"Database {database.Name}: migrating and seeding synthetic data…");
    await new DatabaseMigrator(Options.Create(new DatabaseOptions { Url = database.Url }), NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
    var seeded = await SyntheticData.SeedAsync(database.OwnerConnectionString, people: 1000, days: 90, longTimerDays: 365);
    Console.WriteLine($"Seeded {seeded.Answers:N0} answers and {seeded.EstimateRows:N0} daily estimates for {seeded.People:N0} people in {seeded.Elapsed.TotalSeconds:0.0} s");

    DefaultTypeMap.MatchNamesWithUnderscores = true;
    DateAndTimeHandlers.Register();
    await using var dataSource = NpgsqlDataSource.Create(new DatabaseOptions { Url = database.Url }.AppConnectionString);
    var status = new PersonalStatus(dataSource, TimeProvider.System);
    var aggregates = new OrganisationAggregates(dataSource, Options.Create(new AnonymityOptions()));
    var longTimer = new Member(seeded.LongTimer, seeded.Organisation, seeded.Team, 1, "employee", "uk", "Europe/Kyiv", true, null);
    var today = DateOnly.FromDateTime(DateTime.UtcNow);

    var results = new List<(string Scenario, Stats Stats, string Target)>
    {
        ("/status, 1 person × 365 days", await Measure.RunAsync(iterations, () => status.ReadAsync(longTimer, CancellationToken.None)), "< 20 ms"),
        ("team aggregate, 1,000 people × 90 days, weekly", await Measure.RunAsync(iterations, () =>
            aggregates.ComputeAsync(seeded.Organisation, [seeded.Team], today.AddDays(-89), today, Granularity.Week, withTotal: false, CancellationToken.None)), "< 100 ms"),
        ("team aggregate, 1,000 people, last week", await Measure.RunAsync(iterations, () =>
            aggregates.ComputeAsync(seeded.Organisation, [seeded.Team], today.AddDays(-6), today, Granularity.Week, withTotal: false, CancellationToken.None)), "—"),
        ("org aggregate with total, 1,000 people × 90 days", await Measure.RunAsync(Math.Max(5, iterations / 5), () =>
            aggregates.ComputeAsync(seeded.Organisation, null, today.AddDays(-89), today, Granularity.Week, withTotal: true, CancellationToken.None)), "—"),
    };

    Console.WriteLine();
    Console.WriteLine($"| scenario | runs | median | p95 | min | SPEC §11 target |");
    Console.WriteLine($"|---|---|---|---|---|---|");
    foreach (var (scenario, stats, target) in results)
        Console.WriteLine($"| {scenario} | {stats.Runs} | {stats.Median:0.0} ms | {stats.P95:0.0} ms | {stats.Min:0.0} ms | {target} |");

    // Guard against measuring an empty query: the aggregate must actually have found the people.
    var check = await aggregates.ComputeAsync(seeded.Organisation, [seeded.Team], today.AddDays(-6), today, Granularity.Week, withTotal: false, CancellationToken.None);
    Console.WriteLine($"\nLast week: {check[0].Respondents} respondents of {check[0].Members}, mean WHO-5 {check[0].Metrics?["who5"].Mean:0.0}");
}
finally
{
    if (Environment.GetEnvironmentVariable("BENCH_KEEP") != "1") await database.DropAsync();
}
