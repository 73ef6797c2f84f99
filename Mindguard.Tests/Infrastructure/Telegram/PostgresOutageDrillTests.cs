using System.Diagnostics;
using System.Net;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Telegram;

/// <summary>
/// The drill "PostgreSQL is gone for 10 seconds while people are answering": every update meanwhile is
/// answered 503 and readiness fails; when the database is back the process recovers by itself, Telegram's
/// redeliveries are stored, and every check-in ends with all of its answers stored once.
/// </summary>
public sealed class PostgresOutageDrillTests : AppsTestBase
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_ten_second_outage_loses_no_update_and_needs_no_restart()
    {
        var database = new Uri(await TestEnvironment.FreshDatabaseUrlAsync());
        await using var postgres = new TcpProxy(database.Host, database.Port);
        var app = await StartAppAsync(databaseUrl: new UriBuilder(database) { Port = postgres.Port }.Uri.ToString());
        var org = await Org.SeedAsync(app);
        var people = new List<(TestUser Person, CheckinDriver Driver)>();
        for (var i = 0; i < 3; i++)
        {
            var person = await org.EmployeeAsync(app);
            await app.GiveDataKeyAsync(person);
            var driver = new CheckinDriver(Telegram, person.TelegramId);
            (await app.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/checkin"))).StatusCode.ShouldBe(HttpStatusCode.OK);
            await driver.AnswerAsync(app, 0);
            people.Add((person, driver));
        }
        // What people send while the database is away: the next answer, and a command.
        var unanswered = new List<string>();
        foreach (var (person, driver) in people)
        {
            unanswered.Add(TelegramUpdates.Callback(person.TelegramId, (await driver.QuestionAsync(1)).ButtonData[2]));
            unanswered.Add(TelegramUpdates.Text(person.TelegramId, "/history"));
        }

        postgres.Cut();
        var outage = Stopwatch.StartNew();
        var answersDuring = new List<HttpStatusCode>();
        var readinessDuring = new List<HttpStatusCode>();
        // Telegram keeps delivering (and redelivering) throughout; this is the load of the drill, not a wait.
        for (var i = 0; outage.Elapsed < Outage; i++)
        {
            answersDuring.Add((await app.PostUpdateAsync(unanswered[i % unanswered.Count])).StatusCode);
            if (i % 5 == 0) readinessDuring.Add((await app.Http.GetAsync("/health/ready")).StatusCode);
            await Task.Delay(100);
        }
        postgres.Restore();

        answersDuring.Count.ShouldBeGreaterThan(20);
        answersDuring.ShouldAllBe(s => s == HttpStatusCode.ServiceUnavailable);
        readinessDuring.ShouldAllBe(s => s == HttpStatusCode.ServiceUnavailable);
        await Eventually.HoldsAsync(() => app.Http.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK,
            "readiness to recover without a restart", TimeSpan.FromSeconds(30));

        foreach (var update in unanswered) await app.RedeliverUntilAcceptedAsync(update);
        foreach (var (person, driver) in people)
        {
            for (var i = 2; i < 5; i++) await driver.AnswerAsync(app, i);
            await driver.ThanksAsync();
        }

        await using var owner = await app.OwnerConnectionAsync();
        var stored = (await owner.QueryAsync<(Guid UserId, long Answers, bool Completed)>("""
            SELECT d.user_id, (SELECT count(*) FROM checkin_answers a WHERE a.user_id = d.user_id), d.completed_at IS NOT NULL
            FROM checkin_days d
            """)).ToDictionary(r => r.UserId);
        foreach (var (person, _) in people)
        {
            stored[person.Id].ShouldBe((person.Id, 5L, true));
            Telegram.Calls.Count(c => c.ChatId == person.TelegramId && c.Method == "sendMessage" && c.ButtonData.Any(d => d.EndsWith(":skip"))).ShouldBe(1);
        }
    }
}
