using Mindguard.Features.Users.Onboarding;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Security;
using Mindguard.Infrastructure.Telegram;
using StackExchange.Redis;

namespace Mindguard.Features.Users.DataRights;

/// <summary>
/// Deletes a person so that nothing of them is left: each feature's <see cref="IPersonalDataEraser"/>
/// removes what is not tied to the person's row (Redis keys, messages to others naming them), then the
/// row goes and every table that refers to it follows by cascade, then the messages queued to them and
/// the dead letters of their updates. Their data key goes with the row, so encrypted copies anywhere
/// (backups included) can no longer be read.
/// </summary>
public sealed class ForgetMember(
    NpgsqlDataSource db, IDatabase redis, IEnumerable<IPersonalDataEraser> erasers, DeadLetters deadLetters,
    Conversations conversations, PendingLanguage pendingLanguage, CodeAttemptLimiter codeAttempts, ILogger<ForgetMember> logger)
{
    private static readonly string KeyHashesSql = Sql.Load<ForgetMember>("GetApiKeyHashes");
    private static readonly string DeleteSql = Sql.Load<ForgetMember>("DeleteMember");
    private static readonly string DeleteMessagesSql = Sql.Load<ForgetMember>("DeleteMessagesToMember");

    public async Task ForgetAsync(Member member, CancellationToken ct)
    {
        // Before the row goes: erasers may need the person's alerts or keys to find what names them.
        foreach (var eraser in erasers) await eraser.EraseAsync(member, ct);

        await using (var session = await db.OpenSessionAsync(member.Actor, ct))
        {
            var hashes = (await session.Connection.QueryAsync<string>(session.Command(KeyHashesSql, new { id = member.Id }, ct))).ToList();
            await session.Connection.ExecuteAsync(session.Command(DeleteSql, new { id = member.Id }, ct));
            await session.CommitAsync(ct);
            // Cached key lookups would otherwise keep the deleted person's keys alive for a minute.
            foreach (var hash in hashes) await redis.KeyDeleteAsync(ApiKeyAuthentication.CacheKey(hash));
        }

        await using (var system = await db.OpenSessionAsync(Actor.System, ct))
        {
            await system.Connection.ExecuteAsync(system.Command(DeleteMessagesSql, new { id = member.Id, telegramId = member.TelegramId ?? 0 }, ct));
            await system.CommitAsync(ct);
        }
        if (member.TelegramId is { } telegramId)
        {
            await deadLetters.ForgetAsync(telegramId, ct);
            await conversations.EndAsync(telegramId);
            await pendingLanguage.ForgetAsync(telegramId);
            await codeAttempts.ForgetFailuresAsync(telegramId);
            await ForgetSendBudgetAsync(telegramId);
        }
        logger.LogInformation("A member deleted their data");
    }

    /// <summary>
    /// The chat's send budget is keyed by the Telegram id. The bot calls this again after its "deleted"
    /// confirmation, which spends from that budget and so writes the key anew.
    /// </summary>
    public Task ForgetSendBudgetAsync(long telegramId) => redis.KeyDeleteAsync(TelegramRateLimiter.ChatKey(telegramId));
}
