using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Users;

/// <summary>
/// Finds who is talking to the bot. The Telegram id comes from an update whose secret was checked,
/// so the lookup runs as the system; everything done afterwards runs as the member.
/// </summary>
public sealed class Members(NpgsqlDataSource db)
{
    private static readonly string FindSql = Sql.Load<Members>("FindMemberByTelegramId");
    private static readonly string FindByIdSql = Sql.Load<Members>("FindMemberById");

    public async Task<Member?> FindByTelegramIdAsync(long telegramId, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        return await session.Connection.QuerySingleOrDefaultAsync<Member>(session.Command(FindSql, new { telegramId }, ct));
    }

    /// <summary>The API caller as a member, read as themselves.</summary>
    public async Task<Member?> FindAsync(Actor actor, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(actor, ct);
        return await session.Connection.QuerySingleOrDefaultAsync<Member>(session.Command(FindByIdSql, new { id = actor.UserId }, ct));
    }

    /// <summary>A person by id within a session the caller opened (a job's or a consequence's, as the system).</summary>
    public static Task<Member?> FindAsync(DbSession session, Guid id, CancellationToken ct) =>
        session.Connection.QuerySingleOrDefaultAsync<Member>(session.Command(FindByIdSql, new { id }, ct));
}
