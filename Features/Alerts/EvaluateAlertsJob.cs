using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Scheduling;

namespace Mindguard.Features.Alerts;

/// <summary>
/// Daily sweep (12:00 UTC): everyone who answered within the longest rule window (28 days, for the weekly cadence) is evaluated, so an alert is not
/// missed when the evaluation after a check-in did not run. Raising is idempotent, so running twice is harmless.
/// </summary>
public sealed class EvaluateAlertsJob(NpgsqlDataSource db, AlertEvaluator evaluator, TimeProvider time, ILogger<EvaluateAlertsJob> logger) : IRecurringJob
{
    private static readonly string PeopleSql = Sql.Load<EvaluateAlertsJob>("ListRecentlyActive");

    public async Task RunAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        List<(Guid Id, DateOnly LastDay)> people;
        await using (var session = await db.OpenSessionAsync(Actor.System, ct))
        {
            people = (await session.Connection.QueryAsync<(Guid, DateOnly)>(session.Command(PeopleSql, new { from = today.AddDays(-Rules.AlertRules.LookbackDays) }, ct))).ToList();
        }
        var raised = 0;
        foreach (var (id, lastDay) in people) raised += await evaluator.EvaluateAsync(id, lastDay, ct);
        logger.LogInformation("Evaluated {People} people, raised {Alerts} alerts", people.Count, raised);
    }
}
