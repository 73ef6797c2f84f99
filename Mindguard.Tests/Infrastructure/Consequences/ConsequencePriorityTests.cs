using Microsoft.Extensions.DependencyInjection;
using Mindguard.Infrastructure.Consequences;
using Mindguard.Infrastructure.Telegram;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Consequences;

/// <summary>
/// After a busy morning (a broadcast's worth of completed check-ins, or a replica that was down) the
/// consequences wait in a queue; a person at risk must not wait behind it.
/// </summary>
public sealed class ConsequencePriorityTests : AppsTestBase
{
    [Fact]
    public async Task A_crisis_is_carried_out_before_an_older_backlog_of_routine_consequences()
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);
        var person = await org.EmployeeAsync(app);
        var colleagues = new List<Guid>();
        for (var i = 0; i < 10; i++) colleagues.Add((await org.EmployeeAsync(app)).Id);

        await using var owner = await app.OwnerConnectionAsync();
        await using (var tx = await owner.BeginTransactionAsync())
        {
            // 2,000 completed days' alert evaluations, due a minute ago; then the crisis, recorded as an answer's transaction records it.
            await owner.ExecuteAsync("""
                INSERT INTO consequences (user_id, kind, dedupe_key, local_date, next_attempt_at)
                SELECT u, @kind, 'backlog:' || n, current_date, now() - interval '1 minute'
                FROM unnest(@colleagues) u, generate_series(1, 200) n
                """, new { colleagues = colleagues.ToArray(), kind = ConsequenceKinds.EvaluateAlerts }, tx);
            await owner.ExecuteAsync("INSERT INTO consequences (user_id, kind, dedupe_key, local_date) VALUES (@Id, @kind, @key, current_date)",
                new { person.Id, kind = ConsequenceKinds.Crisis, key = ConsequenceKinds.AnswerKey(DateOnly.FromDateTime(DateTime.UtcNow), "phq9_9") }, tx);
            await tx.CommitAsync();
        }

        await Telegram.WaitForCallsAsync(c => c.ChatId == person.TelegramId && SafetyDrill.IsResources(c), 1);

        // Most of the backlog is still to do when the resources have gone out.
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM consequences WHERE kind = @kind AND status <> 'done'",
            new { kind = ConsequenceKinds.EvaluateAlerts })).ShouldBeGreaterThan(1_000);
    }

    [Fact]
    public async Task While_people_are_tapping_routine_consequences_wait_a_bounded_time_and_a_crisis_does_not()
    {
        // A gate of two updates at once: busy from eight a second.
        var app = await StartAppAsync(s => s["TELEGRAM_WEBHOOK_CONNECTIONS"] = "2");
        var org = await Org.SeedAsync(app);
        var person = await org.EmployeeAsync(app);
        var colleague = await org.EmployeeAsync(app);
        var gate = app.Services.GetRequiredService<WebhookGate>();

        using var tapping = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!tapping.IsCancellationRequested) (await app.PostUpdateAsync(TelegramUpdates.UnknownKind(colleague.TelegramId))).EnsureSuccessStatusCode();
        });
        await Eventually.HoldsAsync(() => Task.FromResult(gate.IsBusy), busy => busy, "the webhook to be busy");

        await using var owner = await app.OwnerConnectionAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await owner.ExecuteAsync("""
            INSERT INTO consequences (user_id, kind, dedupe_key, local_date, next_attempt_at) VALUES
              (@colleague, @routine, 'fresh', current_date, now()),
              (@colleague, @routine, 'overdue', current_date, now() - make_interval(secs => @overdue)),
              (@person, @crisis, @key, current_date, now())
            """, new
        {
            colleague = colleague.Id, person = person.Id, routine = ConsequenceKinds.EvaluateAlerts, crisis = ConsequenceKinds.Crisis,
            key = ConsequenceKinds.AnswerKey(today, "phq9_9"), overdue = ConsequenceWorker.RoutineDeferral.TotalSeconds + 1,
        });
        async Task<string> StatusAsync(string key) =>
            await owner.ExecuteScalarAsync<string>("SELECT status FROM consequences WHERE user_id = @Id AND dedupe_key = @key", new { colleague.Id, key });

        // The crisis goes at once, and so does routine work that has waited its longest; the rest waits.
        await Telegram.WaitForCallsAsync(c => c.ChatId == person.TelegramId && SafetyDrill.IsResources(c), 1);
        await Eventually.HoldsAsync(() => StatusAsync("overdue"), s => s == "done", "the overdue consequence to be done");
        (await StatusAsync("fresh")).ShouldBe("pending");
        gate.IsBusy.ShouldBeTrue();

        // Once the tapping stops, it is done: nothing recorded is left behind.
        await tapping.CancelAsync();
        await load;
        await Eventually.HoldsAsync(() => StatusAsync("fresh"), s => s == "done", "the deferred consequence to be done");
    }
}
