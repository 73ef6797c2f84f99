using Mindguard.Infrastructure.Database;

namespace Mindguard.Infrastructure.Scheduling;

/// <summary>
/// Hourly housekeeping, so no table grows for ever. It removes only what has finished or expired: a message
/// still waiting to be sent, a webhook delivery still being retried, or a check-in in progress, is never
/// touched. Service figures are kept for eight days (the operations report reads seven). Update
/// de-duplication keys expire in Redis by themselves. The access and audit logs are append-only by design
/// and leave only with the person or organisation they are about.
/// </summary>
public sealed class CleanUpJob(NpgsqlDataSource db, IOptions<RetentionOptions> options, ILogger<CleanUpJob> logger) : IRecurringJob
{
    private static readonly string DeleteOldOutboxSql = Sql.Load<CleanUpJob>("DeleteOldOutbox");
    private static readonly string DeleteOldDeadLettersSql = Sql.Load<CleanUpJob>("DeleteOldDeadLetters");
    private static readonly string DeleteOldOperationsSql = Sql.Load<CleanUpJob>("DeleteOldOperations");
    private static readonly string DeleteExpiredInvitesSql = Sql.Load<CleanUpJob>("DeleteExpiredInvites");
    private static readonly string DeleteOldWebhookDeliveriesSql = Sql.Load<CleanUpJob>("DeleteOldWebhookDeliveries");
    private static readonly string DeleteOldBroadcastsSql = Sql.Load<CleanUpJob>("DeleteOldBroadcasts");
    private static readonly string DeleteOldConsequencesSql = Sql.Load<CleanUpJob>("DeleteOldConsequences");

    public async Task RunAsync(CancellationToken ct)
    {
        // Row-level security is forced on every table: only the system context sees all organisations' rows.
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var outbox = await DeleteAsync(session, DeleteOldOutboxSql, null, ct);
        var deadLetters = await DeleteAsync(session, DeleteOldDeadLettersSql, null, ct);
        await DeleteAsync(session, DeleteOldOperationsSql, null, ct);
        var invites = await DeleteAsync(session, DeleteExpiredInvitesSql, null, ct);
        var deliveries = await DeleteAsync(session, DeleteOldWebhookDeliveriesSql, new { days = options.Value.WebhookDeliveryDays }, ct);
        var broadcasts = await DeleteAsync(session, DeleteOldBroadcastsSql, null, ct);
        var consequences = await DeleteAsync(session, DeleteOldConsequencesSql, null, ct);
        await session.CommitAsync(ct);
        logger.LogInformation(
            "Clean-up removed {Outbox} finished outbox rows, {DeadLetters} old dead letters, {Invites} expired invites, " +
            "{WebhookDeliveries} finished webhook deliveries, {Broadcasts} old broadcasts and {Consequences} finished consequences",
            outbox, deadLetters, invites, deliveries, broadcasts, consequences);
    }

    private static Task<int> DeleteAsync(DbSession session, string sql, object? parameters, CancellationToken ct) =>
        session.Connection.ExecuteAsync(session.Command(sql, parameters, ct));
}
