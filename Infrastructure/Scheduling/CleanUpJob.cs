using Mindguard.Infrastructure.Database;

namespace Mindguard.Infrastructure.Scheduling;

/// <summary>
/// Hourly housekeeping. It removes only what has finished or expired: a message still waiting to be
/// sent, or a check-in in progress, is never touched. Service figures are kept for eight days (the operations
/// report reads seven). Update de-duplication keys expire in Redis by themselves.
/// </summary>
public sealed class CleanUpJob(NpgsqlDataSource db, ILogger<CleanUpJob> logger) : IRecurringJob
{
    private static readonly string DeleteOldOutboxSql = Sql.Load<CleanUpJob>("DeleteOldOutbox");
    private static readonly string DeleteOldDeadLettersSql = Sql.Load<CleanUpJob>("DeleteOldDeadLetters");
    private static readonly string DeleteOldOperationsSql = Sql.Load<CleanUpJob>("DeleteOldOperations");

    public async Task RunAsync(CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var outbox = await session.Connection.ExecuteAsync(session.Command(DeleteOldOutboxSql, null, ct));
        var deadLetters = await session.Connection.ExecuteAsync(session.Command(DeleteOldDeadLettersSql, null, ct));
        await session.Connection.ExecuteAsync(session.Command(DeleteOldOperationsSql, null, ct));
        await session.CommitAsync(ct);
        logger.LogInformation("Clean-up removed {Outbox} finished outbox rows and {DeadLetters} old dead letters", outbox, deadLetters);
    }
}
