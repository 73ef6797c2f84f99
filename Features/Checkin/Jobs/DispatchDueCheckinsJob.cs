using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Scheduling;
using Mindguard.Infrastructure.Telegram.Outbox;

namespace Mindguard.Features.Checkin.Jobs;

/// <summary>
/// Every minute: people whose local check-in time has come today, who are active, not paused, due by
/// their cadence and have no check-in row for their local date get one, and a prompt in the outbox,
/// in the same transaction. The row's key (person, local date) makes double dispatch impossible; a
/// job that missed hours catches up within the same local day.
/// </summary>
public sealed class DispatchDueCheckinsJob(NpgsqlDataSource db, TimeProvider time, ILogger<DispatchDueCheckinsJob> logger) : IRecurringJob
{
    public const string BroadcastKind = "checkin-prompts";
    private const int Batch = 500;
    private static readonly string DueSql = Sql.Load<DispatchDueCheckinsJob>("FindDueCheckins");
    private static readonly string ClaimSql = Sql.Load<DispatchDueCheckinsJob>("ClaimCheckinDays");
    private static readonly string SkippedSql = Sql.Load<DispatchDueCheckinsJob>("CountSkippedCheckins");

    public async Task RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var total = 0;
        Guid? broadcast = null;
        while (true)
        {
            var (found, queued, id) = await DispatchBatchAsync(now, broadcast, ct);
            total += queued;
            broadcast = id;
            if (found < Batch) break;
        }
        if (total > 0) logger.LogInformation("Dispatched {Count} check-in prompts", total);
    }

    /// <returns>People found due, prompts queued, and the run's broadcast (opened with its first prompt).</returns>
    private async Task<(int Found, int Queued, Guid? Broadcast)> DispatchBatchAsync(DateTimeOffset now, Guid? broadcast, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var due = (await session.Connection.QueryAsync<Due>(session.Command(DueSql, new { now, anchor = DailySet.Anchor, batch = Batch }, ct))).ToList();
        if (due.Count == 0) return (0, 0, broadcast);

        var claimed = (await session.Connection.QueryAsync<Guid>(session.Command(ClaimSql, new
        {
            userIds = due.Select(d => d.Id).ToArray(),
            dates = due.Select(d => d.LocalDate).ToArray(),
            now,
        }, ct))).ToHashSet();
        if (claimed.Count > 0 && broadcast is null)
        {
            var skipped = await session.Connection.ExecuteScalarAsync<int>(session.Command(SkippedSql, new { now }, ct));
            broadcast = await Outbox.StartBroadcastAsync(session, BroadcastKind, skipped, ct);
        }
        foreach (var person in due.Where(d => claimed.Contains(d.Id)))
        {
            var text = Catalogue.Instance.Get(Msg.CheckinPrompt, person.Language);
            await Outbox.EnqueueAsync(session, person.TelegramId, person.Id,
                new OutboxPayload(text, CheckinMessages.StartButton(person.Language), Broadcast: true), ct, broadcast);
        }
        await session.CommitAsync(ct);
        return (due.Count, claimed.Count, broadcast);
    }

    private sealed record Due(Guid Id, long TelegramId, string Language, DateOnly LocalDate);
}
