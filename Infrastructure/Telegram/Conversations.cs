using StackExchange.Redis;

namespace Mindguard.Infrastructure.Telegram;

/// <summary>
/// Who should get a person's next plain text message (a check-in note, a wall post). Kept in Redis
/// with an expiry, so any replica routes it and an abandoned conversation ends by itself.
/// </summary>
public sealed class Conversations(IDatabase redis)
{
    private static string Key(long telegramId) => $"conversation:{telegramId}";

    public Task StartAsync(long telegramId, string name, TimeSpan expiresIn) => redis.StringSetAsync(Key(telegramId), name, expiresIn);

    public async Task<string?> CurrentAsync(long telegramId)
    {
        var value = await redis.StringGetAsync(Key(telegramId));
        return value.IsNullOrEmpty ? null : value.ToString();
    }

    public Task EndAsync(long telegramId) => redis.KeyDeleteAsync(Key(telegramId));
}
