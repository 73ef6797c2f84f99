using Mindguard.Infrastructure.Consequences;
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
}
