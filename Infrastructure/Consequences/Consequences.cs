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
    private static readonly string RecordKindsSql = Sql.Load(typeof(Consequences), "RecordConsequences");

    public static Task RecordAsync(DbSession session, Guid userId, string kind, string dedupeKey, DateOnly localDate, CancellationToken ct) =>
        session.Connection.ExecuteAsync(session.Command(RecordSql, new { userId, kind, dedupeKey, localDate }, ct));

    /// <summary>Several kinds of consequence of one event, in one round trip.</summary>
    public static Task RecordAsync(DbSession session, Guid userId, string[] kinds, string dedupeKey, DateOnly localDate, CancellationToken ct) =>
        session.Connection.ExecuteAsync(session.Command(RecordKindsSql, new { userId, kinds, dedupeKey, localDate }, ct));
}
