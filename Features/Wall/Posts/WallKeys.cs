using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Wall.Posts;

/// <summary>
/// Each organisation's wall key: a data key created with its first post and stored wrapped by the
/// master key in <c>organisations.wall_key</c>. Posts are sealed under it, never under anyone's own key,
/// because a post belongs to no one.
/// </summary>
public sealed class WallKeys(NpgsqlDataSource db, DataKeys dataKeys)
{
    private static readonly string GetSql = Sql.Load<WallKeys>("GetWallKey");
    private static readonly string SetSql = Sql.Load<WallKeys>("SetWallKey");

    /// <summary>The unwrapped key, or null when the organisation has never had a post.</summary>
    public async Task<byte[]?> FindAsync(DbSession session, Guid organisationId, CancellationToken ct)
    {
        var wrapped = await session.Connection.QuerySingleOrDefaultAsync<byte[]?>(session.Command(GetSql, new { organisationId }, ct));
        return wrapped is null ? null : dataKeys.Unwrap(organisationId, wrapped);
    }

    /// <summary>
    /// Creates the key if there is none. This runs as the system because members may not change their
    /// organisation's row; it touches only the key. Two first posts at once agree: the first write wins.
    /// </summary>
    public async Task<byte[]> GetOrCreateAsync(Guid organisationId, CancellationToken ct)
    {
        var fresh = dataKeys.NewDataKey(organisationId);
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(fresh.Key);
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        await session.Connection.ExecuteAsync(session.Command(SetSql, new { organisationId, wrapped = fresh.Wrapped }, ct));
        var key = await FindAsync(session, organisationId, ct)
            ?? throw new InvalidOperationException($"Organisation {organisationId} does not exist.");
        await session.CommitAsync(ct);
        return key;
    }
}
