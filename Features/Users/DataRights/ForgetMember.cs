using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Security;
using StackExchange.Redis;

namespace Mindguard.Features.Users.DataRights;

/// <summary>
/// Deletes a person: their row goes, and every table that refers to them follows by cascade. Their
/// data key goes with the row, so encrypted copies anywhere (backups included) can no longer be read.
/// </summary>
public sealed class ForgetMember(NpgsqlDataSource db, IDatabase redis, ILogger<ForgetMember> logger)
{
    private static readonly string KeyHashesSql = Sql.Load<ForgetMember>("GetApiKeyHashes");
    private static readonly string DeleteSql = Sql.Load<ForgetMember>("DeleteMember");

    public async Task ForgetAsync(Member member, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        var hashes = (await session.Connection.QueryAsync<string>(session.Command(KeyHashesSql, new { id = member.Id }, ct))).ToList();
        await session.Connection.ExecuteAsync(session.Command(DeleteSql, new { id = member.Id }, ct));
        await session.CommitAsync(ct);

        // Cached key lookups would otherwise keep the deleted person's keys alive for a minute.
        foreach (var hash in hashes) await redis.KeyDeleteAsync(ApiKeyAuthentication.CacheKey(hash));
        logger.LogInformation("A member deleted their data");
    }
}
