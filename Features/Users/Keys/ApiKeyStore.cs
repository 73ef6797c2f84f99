using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Security;
using StackExchange.Redis;

namespace Mindguard.Features.Users.Keys;

public sealed record ApiKeyInfo(Guid Id, Guid UserId, string Name, string DisplayPrefix, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>
/// Creates, lists and revokes API keys as the acting person: RLS lets people manage their own keys and
/// admins the keys of their organisation. The key itself is returned once and never stored.
/// </summary>
public sealed class ApiKeyStore(NpgsqlDataSource db, IDatabase redis)
{
    private static readonly string InsertSql = Sql.Load<ApiKeyStore>("InsertApiKey");
    private static readonly string ListSql = Sql.Load<ApiKeyStore>("ListApiKeys");
    private static readonly string RevokeSql = Sql.Load<ApiKeyStore>("RevokeApiKey");

    public async Task<(ApiKeyInfo Info, string Key)?> CreateAsync(Actor actor, Guid ownerId, string name, CancellationToken ct)
    {
        var generated = ApiKeys.Generate();
        await using var session = await db.OpenSessionAsync(actor, ct);
        var info = await session.Connection.QuerySingleOrDefaultAsync<ApiKeyInfo>(session.Command(InsertSql, new
        {
            id = Guid.CreateVersion7(),
            userId = ownerId,
            actorId = actor.UserId,
            name,
            keyHash = generated.Hash,
            displayPrefix = generated.DisplayPrefix,
        }, ct));
        if (info is null) return null;
        await session.CommitAsync(ct);
        return (info, generated.Key);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(Actor actor, Guid? ownerId, Guid? after, int limit, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(actor, ct);
        return (await session.Connection.QueryAsync<ApiKeyInfo>(session.Command(ListSql, new { ownerId, after, limit }, ct))).ToList();
    }

    public async Task<bool> RevokeAsync(Actor actor, Guid keyId, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(actor, ct);
        var hash = await session.Connection.QuerySingleOrDefaultAsync<string>(session.Command(RevokeSql, new { id = keyId }, ct));
        if (hash is null) return false;
        await session.CommitAsync(ct);
        await redis.KeyDeleteAsync(ApiKeyAuthentication.CacheKey(hash));
        return true;
    }
}
