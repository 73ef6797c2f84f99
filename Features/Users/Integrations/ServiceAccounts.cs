using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Security;
using StackExchange.Redis;

namespace Mindguard.Features.Users.Integrations;

/// <summary>A service account as its admin sees it (never its key). Init properties: Dapper maps text[] to no constructor parameter.</summary>
public sealed record ServiceAccountInfo
{
    /// <summary>Its id: what the audit log and alert trails name as the actor of its acts.</summary>
    public Guid Id { get; init; }
    /// <summary>The name given when it was created.</summary>
    public string Name { get; init; } = "";
    /// <summary>What it may do.</summary>
    public string[] Scopes { get; init; } = [];
    /// <summary>False once revoked.</summary>
    public bool Active { get; init; }
    public DateTime CreatedAt { get; init; }
    /// <summary>When an admin revoked it; it and its keys have stopped working since.</summary>
    public DateTime? RevokedAt { get; init; }
}

/// <summary>
/// Service accounts of integrations, created, listed and revoked by an admin as themselves: RLS admits an
/// admin only to their own organisation, and the key minted here only for a service account of it.
/// The account's key is returned once and never stored.
/// </summary>
public sealed class ServiceAccounts(NpgsqlDataSource db, IDatabase redis)
{
    private static readonly string InsertSql = Sql.Load<ServiceAccounts>("InsertServiceAccount");
    private static readonly string InsertKeySql = Sql.Load<ServiceAccounts>("InsertServiceKey");
    private static readonly string ListSql = Sql.Load<ServiceAccounts>("ListServiceAccounts");
    private static readonly string DeactivateSql = Sql.Load<ServiceAccounts>("DeactivateServiceAccount");
    private static readonly string RevokeKeysSql = Sql.Load<ServiceAccounts>("RevokeServiceKeys");

    public async Task<(ServiceAccountInfo Account, GeneratedApiKey Key)> CreateAsync(Actor admin, string name, string[] scopes, CancellationToken ct)
    {
        var key = ApiKeys.Generate();
        await using var session = await db.OpenSessionAsync(admin, ct);
        var account = await session.Connection.QuerySingleAsync<ServiceAccountInfo>(session.Command(InsertSql,
            new { id = Guid.CreateVersion7(), organisationId = admin.OrganisationId, scopes, name }, ct));
        await session.Connection.ExecuteAsync(session.Command(InsertKeySql, new
        {
            id = Guid.CreateVersion7(),
            userId = account.Id,
            name,
            keyHash = key.Hash,
            displayPrefix = key.DisplayPrefix,
        }, ct));
        await AuditTrail.RecordAsync(session, admin, AuditActions.IntegrationCreated, ct, targetId: account.Id,
            detail: new { scopes, prefix = key.DisplayPrefix });
        await session.CommitAsync(ct);
        return (account, key);
    }

    public async Task<IReadOnlyList<ServiceAccountInfo>> ListAsync(Actor admin, Guid? after, int limit, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(admin, ct);
        return (await session.Connection.QueryAsync<ServiceAccountInfo>(session.Command(ListSql, new { after, limit }, ct))).ToList();
    }

    /// <summary>Revokes the account and every key of it; false when it is not a service account of the admin's organisation.</summary>
    public async Task<bool> RevokeAsync(Actor admin, Guid id, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(admin, ct);
        if (await session.Connection.QuerySingleOrDefaultAsync<Guid?>(session.Command(DeactivateSql, new { id }, ct)) is null) return false;
        var hashes = (await session.Connection.QueryAsync<string>(session.Command(RevokeKeysSql, new { id }, ct))).ToList();
        await AuditTrail.RecordAsync(session, admin, AuditActions.IntegrationRevoked, ct, targetId: id);
        await session.CommitAsync(ct);
        // The cached lookups go too, so the keys stop at once rather than when the cache expires.
        foreach (var hash in hashes) await redis.KeyDeleteAsync(ApiKeyAuthentication.CacheKey(hash));
        return true;
    }
}
