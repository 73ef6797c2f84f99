using StackExchange.Redis;

namespace Mindguard.Features.Users.Onboarding;

/// <summary>
/// Limits wrong code entries per Telegram id and per code prefix, so codes cannot be guessed
/// (the original system's codes were brute-forced). While blocked, even a correct code is refused.
/// </summary>
public sealed class CodeAttemptLimiter(IDatabase redis)
{
    public const int FailuresPerPerson = 5;
    public const int FailuresPerPrefix = 20;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private static string PersonKey(long telegramId) => $"codes:fail:person:{telegramId}";
    private static string PrefixKey(string prefix) => $"codes:fail:prefix:{prefix}";

    /// <summary>How long the person must wait, or null when they may try.</summary>
    public async Task<TimeSpan?> WaitBeforeNextAttemptAsync(long telegramId, string? prefix)
    {
        var person = await BlockedForAsync(PersonKey(telegramId), FailuresPerPerson);
        if (person is not null || prefix is null) return person;
        return await BlockedForAsync(PrefixKey(prefix), FailuresPerPrefix);
    }

    public async Task RecordFailureAsync(long telegramId, string? prefix)
    {
        await CountAsync(PersonKey(telegramId));
        if (prefix is not null) await CountAsync(PrefixKey(prefix));
    }

    public Task ForgetFailuresAsync(long telegramId) => redis.KeyDeleteAsync(PersonKey(telegramId));

    private async Task<TimeSpan?> BlockedForAsync(string key, int limit)
    {
        var count = (long?)await redis.StringGetAsync(key) ?? 0;
        if (count < limit) return null;
        return await redis.KeyTimeToLiveAsync(key) ?? Window;
    }

    // The window starts at the first failure and is not extended by later ones.
    private async Task CountAsync(string key)
    {
        if (await redis.StringIncrementAsync(key) == 1) await redis.KeyExpireAsync(key, Window);
    }
}
