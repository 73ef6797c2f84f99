using System.Globalization;
using StackExchange.Redis;

namespace Mindguard.Features.Wall.Posts;

/// <summary>
/// Posts per person per 24 hours, counted in Redis under a keyed hash of the person (never their id),
/// from their first post. Taking a place is one script, so two replicas cannot both take the last one.
/// </summary>
public sealed class PostingLimit(IDatabase redis, WallSecrets secrets, IOptions<WallOptions> options)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    // Returns 0 when a place was taken, else the milliseconds until the window ends.
    private const string TakeScript = """
        local used = redis.call('INCR', KEYS[1])
        if used == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        if used <= tonumber(ARGV[1]) then return 0 end
        redis.call('DECR', KEYS[1])
        local left = redis.call('PTTL', KEYS[1])
        if left < 1 then return 1 end
        return left
        """;

    private string Key(Guid userId) => "wall:limit:" + secrets.LimitKey(userId);

    /// <summary>Null when a place was taken; otherwise how long until one frees up.</summary>
    public async Task<TimeSpan?> TryTakeAsync(Guid userId)
    {
        var wait = (long)await redis.ScriptEvaluateAsync(TakeScript, [Key(userId)],
            [options.Value.PostsPerDay, ((long)Window.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)]);
        return wait == 0 ? null : TimeSpan.FromMilliseconds(wait);
    }

    /// <summary>Gives a place back when the post it was taken for could not be stored.</summary>
    public Task ForgetAsync(Guid userId) => redis.KeyDeleteAsync(Key(userId));

    public Task GiveBackAsync(Guid userId) => redis.StringDecrementAsync(Key(userId));

    /// <summary>How long until the person may post again, or null if they may now; takes nothing.</summary>
    public async Task<TimeSpan?> WaitAsync(Guid userId)
    {
        var used = (long?)await redis.StringGetAsync(Key(userId)) ?? 0;
        if (used < options.Value.PostsPerDay) return null;
        return await redis.KeyTimeToLiveAsync(Key(userId)) ?? Window;
    }
}
