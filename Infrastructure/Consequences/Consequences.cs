using Mindguard.Infrastructure.Database;

namespace Mindguard.Infrastructure.Consequences;

/// <summary>
/// Records what an action sets in motion in the caller's transaction, so "it happened" and "what follows
/// from it" commit together. Recording the same consequence twice (a redelivered update, a retried
/// request) is a no-op.
/// </summary>
public static class Consequences
{
    private static readonly string RecordSql = Sql.Load(typeof(Consequences), "RecordConsequence");

    public static Task RecordAsync(DbSession session, Guid userId, string kind, string dedupeKey, DateOnly localDate, CancellationToken ct) =>
        session.Connection.ExecuteAsync(session.Command(RecordSql, new { userId, kind, dedupeKey, localDate }, ct));
}
