using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Security;
using StackExchange.Redis;

namespace Mindguard.Features.Users.Keys;

public sealed record ApiKeyInfo(Guid Id, Guid UserId, string Name, string DisplayPrefix, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>A minted key (<see cref="Info"/> and the key shown once), or why none was minted.</summary>
public sealed record MintResult(ApiKeyInfo? Info, string? Key, bool AtLimit = false)
{
    public static readonly MintResult LimitReached = new(null, null, true);
    public static readonly MintResult NoOwner = new(null, null);
}

/// <summary>
/// Creates, lists and revokes API keys as the acting person: RLS lets people manage their own keys and
/// admins the keys of their organisation. The key itself is returned once and never stored.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource db, IDatabase redis)
{
    private static readonly string InsertSql = Sql.Load<ApiKeyStore>("InsertApiKey");
    private static readonly string ListSql = Sql.Load<ApiKeyStore>("ListApiKeys");
    private static readonly string RevokeSql = Sql.Load<ApiKeyStore>("RevokeApiKey");
    private static readonly string LockOwnerSql = Sql.Load<ApiKeyStore>("LockKeyOwner");
    private static readonly string CountActiveSql = Sql.Load<ApiKeyStore>("CountActiveKeys");

    /// <summary>Active keys one person may hold; each key has its own rate budget, so more would multiply it.</summary>
    public const int MaxActiveKeys = 10;

    /// <summary>
    /// Mints a key for the acting person themselves: nobody mints a key for someone else,
    /// which would let its maker act as that person. <see cref="MintResult.NoOwner"/> when the person no longer exists; <see cref="MintResult.LimitReached"/> at
    /// <see cref="MaxActiveKeys"/> active keys, since every key carries its own API rate budget.
    /// </summary>
    public async Task<MintResult> CreateAsync(Actor actor, string name, CancellationToken ct)
    {
        var generated = ApiKeys.Generate();
        await using var session = await db.OpenSessionAsync(actor, ct);
        var c = session.Connection;
        await c.ExecuteAsync(session.Command(LockOwnerSql, new { actorId = actor.UserId }, ct));
        if (await c.ExecuteScalarAsync<long>(session.Command(CountActiveSql, new { actorId = actor.UserId }, ct)) >= MaxActiveKeys)
            return MintResult.LimitReached;
        var info = await c.QuerySingleOrDefaultAsync<ApiKeyInfo>(session.Command(InsertSql, new
        {
            id = Guid.CreateVersion7(),
            actorId = actor.UserId,
            name,
            keyHash = generated.Hash,
            displayPrefix = generated.DisplayPrefix,
        }, ct));
        if (info is null) return MintResult.NoOwner;
        await AuditTrail.RecordAsync(session, actor, AuditActions.ApiKeyCreated, ct, targetId: info.Id, detail: new { prefix = info.DisplayPrefix });
        await session.CommitAsync(ct);
        return new MintResult(info, generated.Key);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(Actor actor, Guid? ownerId, Guid? after, int limit, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(actor, ct);
        return (await session.Connection.QueryAsync<ApiKeyInfo>(session.Command(ListSql, new { ownerId, after, limit }, ct))).ToList();
    }

    public async Task<bool> RevokeAsync(Actor actor, Guid keyId, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(actor, ct);
        var revoked = await session.Connection.QuerySingleOrDefaultAsync<RevokedKey>(session.Command(RevokeSql, new { id = keyId }, ct));
        if (revoked is not { } key) return false;
        await AuditTrail.RecordAsync(session, actor, AuditActions.ApiKeyRevoked, ct, subjectId: key.UserId, targetId: keyId);
        await session.CommitAsync(ct);
        await redis.KeyDeleteAsync(ApiKeyAuthentication.CacheKey(key.KeyHash));
        return true;
    }

    private sealed record RevokedKey(string KeyHash, Guid UserId);
}
