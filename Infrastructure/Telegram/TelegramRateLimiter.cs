using StackExchange.Redis;

namespace Mindguard.Infrastructure.Telegram;

/// <summary>
/// Token buckets in Redis, shared by every replica: one for the whole bot and one per chat.
/// A 429 from Telegram pauses everything for its <c>retry_after</c>, because Telegram counts per bot.
/// </summary>
public sealed class TelegramRateLimiter(IDatabase redis, IOptions<TelegramOptions> options, TimeProvider time)
{
    private const string PauseKey = "tg:rate:pause";
    private const string GlobalKey = "tg:rate:global";

    // Redis' own clock keeps replicas consistent. Both buckets are refilled, and a token is taken
    // from each only when both have one, so a busy chat never drains the global budget.
    // Returns 0 when tokens were taken, otherwise how many milliseconds to wait.
    private const string TakeScript = """
        local pause = redis.call('PTTL', KEYS[3])
        if pause > 0 then return pause end
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local function level(key, rate, cap)
          local b = redis.call('HMGET', key, 'tokens', 'ts')
          local tokens = tonumber(b[1]) or cap
          local ts = tonumber(b[2]) or now
          return math.min(cap, tokens + math.max(0, now - ts) * rate / 1000)
        end
        local g = level(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]))
        local c = level(KEYS[2], tonumber(ARGV[3]), tonumber(ARGV[4]))
        if g >= 1 and c >= 1 then
          redis.call('HSET', KEYS[1], 'tokens', g - 1, 'ts', now)
          redis.call('PEXPIRE', KEYS[1], 60000)
          redis.call('HSET', KEYS[2], 'tokens', c - 1, 'ts', now)
          redis.call('PEXPIRE', KEYS[2], 60000)
          return 0
        end
        local wait_g = 0
        if g < 1 then wait_g = (1 - g) * 1000 / tonumber(ARGV[1]) end
        local wait_c = 0
        if c < 1 then wait_c = (1 - c) * 1000 / tonumber(ARGV[3]) end
        return math.max(1, math.ceil(math.max(wait_g, wait_c)))
        """;

    /// <summary>Waits until one message to <paramref name="chatId"/> may be sent.</summary>
    public Task AcquireAsync(long chatId, CancellationToken ct) => TryAcquireAsync(chatId, Timeout.InfiniteTimeSpan, ct);

    /// <summary>Whether Telegram asked everyone to wait (a 429 pause is in force).</summary>
    public async Task<bool> PausedAsync() => await redis.KeyExistsAsync(PauseKey);

    /// <summary>Like <see cref="AcquireAsync"/>, but gives up after <paramref name="maxWait"/> and returns false.</summary>
    public async Task<bool> TryAcquireAsync(long chatId, TimeSpan maxWait, CancellationToken ct)
    {
        var deadline = maxWait == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : time.GetUtcNow() + maxWait;
        var o = options.Value;
        RedisKey[] keys = [GlobalKey, $"tg:rate:chat:{chatId}", PauseKey];
        // A bucket holds one second of tokens: bursts stay within what Telegram measures per second.
        RedisValue[] args = [o.GlobalRate, Math.Max(1, o.GlobalRate), o.ChatRate, Math.Max(1, o.ChatBurst)];
        while (true)
        {
            var waitMs = (long)await redis.ScriptEvaluateAsync(TakeScript, keys, args);
            if (waitMs <= 0) return true;
            if (time.GetUtcNow() + TimeSpan.FromMilliseconds(Math.Min(waitMs, 1000)) > deadline) return false;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(waitMs, 1000)), time, ct);
        }
    }

    /// <summary>Telegram said 429: nobody sends for <paramref name="retryAfter"/>.</summary>
    public Task PauseAsync(TimeSpan retryAfter) =>
        redis.StringSetAsync(PauseKey, "1", retryAfter);
}
