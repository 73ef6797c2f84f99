using StackExchange.Redis;

namespace Mindguard.Features.Users.Onboarding;

/// <summary>The language someone picked on /start before they had an account, kept until they join.</summary>
public sealed class PendingLanguage(IDatabase redis)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(7);

    private static string Key(long telegramId) => $"onboarding:lang:{telegramId}";

    public Task ForgetAsync(long telegramId) => redis.KeyDeleteAsync(Key(telegramId));

    public Task RememberAsync(long telegramId, string language) => redis.StringSetAsync(Key(telegramId), language, KeepFor);

    public async Task<string?> RecallAsync(long telegramId)
    {
        var value = await redis.StringGetAsync(Key(telegramId));
        return value.IsNullOrEmpty ? null : value.ToString();
    }
}
