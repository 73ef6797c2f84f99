using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mindguard.Bench;
using Mindguard.Features.Status;
using Mindguard.Features.Status.Periods;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Privacy;
using Npgsql;

// Status and aggregate queries at scale (SPEC §11, issue 15): /status for a person with 365 days of answers
// (target < 20 ms median); reading a team's 13 published weeks and the organisation's aggregates over
// 1,000 people × 90 days (< 10 ms median); closing a week for 1,000 people (< 2 s).
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
    var teams = await SyntheticData.SplitIntoTeamsAsync(database.OwnerConnectionString, seeded.Organisation, count: 10);
    await using var dataSource = NpgsqlDataSource.Create(new DatabaseOptions { Url = database.Url }.AppConnectionString);
    var anonymity = Options.Create(new AnonymityOptions());
    var status = new PersonalStatus(dataSource, TimeProvider.System);
    var closer = new PeriodCloser(dataSource, anonymity);
    var published = new PublishedAggregates(dataSource, anonymity);
    var longTimer = new Member(seeded.LongTimer, seeded.Organisation, seeded.Team, 1, "employee", "uk", "Europe/Kyiv", true, null);

    // Publishing the 90 days' history: what the first hourly run after the upgrade does.
    var history = Stopwatch.StartNew();
    await new ClosePeriodsJob(dataSource, closer, TimeProvider.System, NullLogger<ClosePeriodsJob>.Instance).RunAsync(CancellationToken.None);
    history.Stop();
    await using var owner = new NpgsqlConnection(database.OwnerConnectionString);
    var (periods, cells) = await owner.QuerySingleAsync<(long, long)>(
        "SELECT (SELECT count(*) FROM aggregate_periods), (SELECT count(*) FROM aggregate_groups)");
    Console.WriteLine($"Published the history: {periods} weeks and months, {cells} groups, in {history.Elapsed.TotalSeconds:0.00} s");

    // Closing one week again and again: the last published week is removed (outside the timing) and closed anew.
    var lastWeek = DateOnly.FromDateTime(await owner.QuerySingleAsync<DateTime>("SELECT max(period_start)::timestamp FROM aggregate_periods WHERE granularity = 'week'"));
    var week = CalendarPeriod.Containing(Granularity.Week, lastWeek);
    var endedAt = new DateTimeOffset(week.End.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddHours(-2);
    var closing = await Measure.RunAsync(Math.Max(5, iterations / 5),
        () => closer.CloseAsync(seeded.Organisation, week, endedAt, DateTimeOffset.UtcNow, CancellationToken.None),
        untimed: () => owner.ExecuteAsync("DELETE FROM aggregate_periods WHERE granularity = 'week' AND period_start = @start", new { start = week.Start }));

    // The long-timer reads: a respondent, so the reader's own row is looked up too (the costlier case).
    var results = new List<(string Scenario, Stats Stats, string Target)>
    {
        ("/status, 1 person × 365 days", await Measure.RunAsync(iterations, () => status.ReadAsync(longTimer, CancellationToken.None)), "< 20 ms"),
        ("team aggregate, 13 published weeks", await Measure.RunAsync(iterations, () =>
            published.ReadAsync(seeded.Organisation, seeded.LongTimer, Granularity.Week, null, null, 13, [seeded.Team], withTotal: false, CancellationToken.None)), "< 10 ms"),
        ($"org aggregates, {teams} teams + total, 13 published weeks", await Measure.RunAsync(iterations, () =>
            published.ReadAsync(seeded.Organisation, seeded.LongTimer, Granularity.Week, null, null, 13, null, withTotal: true, CancellationToken.None)), "< 10 ms"),
        ($"org aggregates, {teams} teams + total, published months", await Measure.RunAsync(iterations, () =>
            published.ReadAsync(seeded.Organisation, seeded.LongTimer, Granularity.Month, null, null, 13, null, withTotal: true, CancellationToken.None)), "—"),
        ("closing a week, 1,000 people", closing, "< 2 s"),
    };

    Console.WriteLine();
    Console.WriteLine($"| scenario | runs | median | p95 | min | target |");
    Console.WriteLine($"|---|---|---|---|---|---|");
    foreach (var (scenario, stats, target) in results)
        Console.WriteLine($"| {scenario} | {stats.Runs} | {stats.Median:0.0} ms | {stats.P95:0.0} ms | {stats.Min:0.0} ms | {target} |");

    // Guard against measuring empty reads: the cells must hold the people.
    var check = await published.ReadAsync(seeded.Organisation, null, Granularity.Week, null, null, 13, null, withTotal: true, CancellationToken.None);
    var total = check.Where(g => g.TeamId is null).MaxBy(g => g.PeriodStart)!;
    Console.WriteLine($"\nLast closed week {total.PeriodStart:yyyy-MM-dd}: organisation {total.Respondents} respondents of {total.Members}, " +
        $"mean WHO-5 {total.Metrics?["who5"].Mean}; {check.Count(g => g.TeamId is not null && !g.Suppressed)} of {check.Count(g => g.TeamId is not null)} team-weeks shown");
}
finally
{
    if (Environment.GetEnvironmentVariable("BENCH_KEEP") != "1") await database.DropAsync();
}
