using StackExchange.Redis;

namespace Mindguard.Features.Users.Onboarding;

/// <summary>What someone asked to join with, waiting for their answer on the consent screen.</summary>
public abstract record PendingJoin
{
    public sealed record Invite(Guid InviteId) : PendingJoin;
    public sealed record ListedAdmin : PendingJoin;
}

/// <summary>
/// A join waits for "I agree" here, in Redis and with an expiry, not in PostgreSQL: someone who declines
/// or walks away leaves nothing about themselves behind, and their invite is not used up.
/// </summary>
public sealed class PendingJoins(IDatabase redis)
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    private const string AdminValue = "admin";

    private static string Key(long telegramId) => $"onboarding:consent:{telegramId}";

    public Task HoldAsync(long telegramId, PendingJoin join) =>
        redis.StringSetAsync(Key(telegramId), join switch
        {
            PendingJoin.Invite invite => invite.InviteId.ToString("N"),
            _ => AdminValue,
        }, KeepFor);

    public async Task<PendingJoin?> PeekAsync(long telegramId)
    {
        var value = await redis.StringGetAsync(Key(telegramId));
        if (value.IsNullOrEmpty) return null;
        if (value == AdminValue) return new PendingJoin.ListedAdmin();
        return Guid.TryParseExact(value.ToString(), "N", out var id) ? new PendingJoin.Invite(id) : null;
    }

    public Task ForgetAsync(long telegramId) => redis.KeyDeleteAsync(Key(telegramId));
}
