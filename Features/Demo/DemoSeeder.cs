using Mindguard.Features.Alerts;
using Mindguard.Features.Status;
using Mindguard.Features.Status.Periods;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Demo;

/// <summary>
/// In demo mode, fills the default organisation once with two teams and 30 synthetic people with 60
/// days of answers (two of them deteriorating), their daily estimates and any alerts they warrant.
/// Everyone is made up; nobody has a Telegram account, so nothing is sent to anyone.
/// </summary>
public sealed class DemoSeeder(
    NpgsqlDataSource db, IOptions<DemoOptions> options, PersonCipher cipher, EstimateRecorder estimates, AlertEvaluator alerts,
    ClosePeriodsJob closing, TimeProvider time, ILogger<DemoSeeder> logger) : IHostedLifecycleService
{
    private const int People = 30;
    private const int Days = 60;
    private static readonly string[] Teams = ["Платформа", "Підтримка"];

    private static readonly string LockSql = Sql.Load<DemoSeeder>("LockDemo");
    private static readonly string OrganisationSql = Sql.Load<DemoSeeder>("EnsureDemoOrganisation");
    private static readonly string SeededSql = Sql.Load<DemoSeeder>("CountDemoTeams");
    private static readonly string TeamSql = Sql.Load<DemoSeeder>("InsertDemoTeam");
    private static readonly string PersonSql = Sql.Load<DemoSeeder>("InsertDemoPerson");
    private static readonly string AnswerSql = Sql.Load<DemoSeeder>("InsertDemoAnswer");

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    public async Task StartingAsync(CancellationToken ct)
    {
        if (!options.Value.Enabled) return;
        var random = new Random(2026);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var people = new List<Guid>();

        await using (var session = await db.OpenSessionAsync(Actor.System, ct))
        {
            var c = session.Connection;
            await c.ExecuteAsync(session.Command(LockSql, null, ct));
            var organisation = await c.QuerySingleAsync<Guid>(session.Command(OrganisationSql, new { id = Guid.CreateVersion7() }, ct));
            if (await c.ExecuteScalarAsync<int>(session.Command(SeededSql, new { organisation, names = Teams }, ct)) > 0) return;

            for (var t = 0; t < Teams.Length; t++)
            {
                var team = Guid.CreateVersion7();
                await c.ExecuteAsync(session.Command(TeamSql, new { id = team, organisation, name = Teams[t] }, ct));
                for (var i = t; i < People; i += Teams.Length)
                {
                    // Drawn from the seeded generator like everything else: a person's questions follow from their
                    // id, so random ids made every demo (and its alerts) come out a little different.
                    var id = new Guid(Bytes(random, 16));
                    var key = cipher.NewKey(id);
                    var role = i < Teams.Length ? Actor.Manager : Actor.Employee;
                    await c.ExecuteAsync(session.Command(PersonSql, new
                    {
                        id, organisation, team, role, dataKey = key.Wrapped,
                        displayName = cipher.EncryptDisplayName(id, key.Wrapped, $"Колега {i + 1}"),
                    }, ct));
                    var profile = SyntheticAnswers.RandomProfile(random, deteriorating: i is 4 or 9);
                    var answers = SyntheticAnswers.Generate(id, today, Days, profile, random).Select(a => new
                    {
                        userId = a.UserId, date = a.Date, questionId = a.Question.Id, value = a.Value,
                        metric = a.Question.Metric, item = a.Question.Item, score = a.Score,
                    });
                    await c.ExecuteAsync(session.Command(AnswerSql, answers, ct));
                    people.Add(id);
                }
            }
            await session.CommitAsync(ct);
        }

        foreach (var person in people)
        {
            for (var d = Days - 1; d >= 0; d--) await estimates.RecordAsync(Actor.System, person, today.AddDays(-d), ct);
        }
        var raised = 0;
        foreach (var person in people) raised += await alerts.EvaluateAsync(person, today, ct);
        // Aggregates exist only for closed periods: publish the weeks and months the history covers, as the hourly job would.
        await closing.RunAsync(ct);
        logger.LogInformation("Demo organisation seeded: {People} synthetic people, {Days} days, {Alerts} alerts", people.Count, Days, raised);
    }

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken ct) => Task.CompletedTask;
}
