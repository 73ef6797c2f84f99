using StackExchange.Redis;

namespace Mindguard.Infrastructure.Telegram;

/// <summary>
/// The send budget in Redis, shared by every replica: a sliding window for the whole bot and a token
/// bucket per chat. A 429 from Telegram pauses everything for its <c>retry_after</c>, because Telegram counts per bot.
/// </summary>
public sealed class TelegramRateLimiter(IDatabase redis, IOptions<TelegramOptions> options, TimeProvider time)
{
    private const string PauseKey = "tg:rate:pause";

    /// <summary>A chat's send budget; a chat id is a person's Telegram id, so /forget removes it.</summary>
    public static string ChatKey(long chatId) => $"tg:rate:chat:{chatId}";
    // Not the old bucket's key: during a rolling deploy the old replicas still write a hash there.
    private const string GlobalKey = "tg:rate:global:window";

    // Between taking a slot here and Telegram receiving the request lie a network hop and a thread
    // switch. A window this much longer than Telegram's keeps two sends that bunch up on the way from
    // landing in one of Telegram's seconds (it costs 2 % of the rate at 30/s).
    private const double JitterGuardMs = 20;

    // The global budget is a log of the last window's sends, not a bucket: a bucket holding a second
    // of tokens lets a full one out at once (at start, and after every 429 pause) on top of the
    // refill, up to twice the limit within one second, which Telegram answers with more 429s.
    // The per-chat bucket allows a short burst, so a reply to a tap is not held back. A slot is
    // taken from each only when both have one. Redis' own clock keeps replicas consistent.
    // Returns 0 when the slot was taken, otherwise how many milliseconds to wait.
    // With a fourth key (a chat's queued-replies mark), returns -1 while it exists: that chat's replies
    // go through the outbox until it has caught up, so a direct reply never overtakes a queued one.
    private const string TakeScript = """
        if #KEYS >= 4 and redis.call('EXISTS', KEYS[4]) == 1 then return -1 end
        local pause = redis.call('PTTL', KEYS[3])
        if pause > 0 then return pause end
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local limit, window = tonumber(ARGV[1]), tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        local wait_g = 0
        if redis.call('ZCARD', KEYS[1]) >= limit then
          local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
          wait_g = tonumber(oldest[2]) + window - now
        end
        local rate, cap = tonumber(ARGV[3]), tonumber(ARGV[4])
        local b = redis.call('HMGET', KEYS[2], 'tokens', 'ts')
        local c = math.min(cap, (tonumber(b[1]) or cap) + math.max(0, now - (tonumber(b[2]) or now)) * rate / 1000)
        if wait_g <= 0 and c >= 1 then
          redis.call('ZADD', KEYS[1], now, ARGV[5])
          redis.call('PEXPIRE', KEYS[1], math.ceil(window) + 1000)
          redis.call('HSET', KEYS[2], 'tokens', c - 1, 'ts', now)
          redis.call('PEXPIRE', KEYS[2], 60000)
          return 0
        end
        local wait_c = 0
        if c < 1 then wait_c = (1 - c) * 1000 / rate end
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
        RedisKey[] keys = [GlobalKey, ChatKey(chatId), PauseKey];
        while (true)
        {
            var waitMs = (long)await redis.ScriptEvaluateAsync(TakeScript, keys, TakeArguments());
            if (waitMs <= 0) return true;
            if (time.GetUtcNow() + TimeSpan.FromMilliseconds(Math.Min(waitMs, 1000)) > deadline) return false;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(waitMs, 1000)), time, ct);
        }
    }

    /// <summary>
    /// A slot for a direct reply, now or never: false when the budget has none at this moment, during a
    /// 429 pause, or while earlier replies to this chat wait in the outbox (<see cref="MarkQueuedAsync"/>).
    /// </summary>
    public async Task<bool> TryTakeReplySlotAsync(long chatId)
    {
        RedisKey[] keys = [GlobalKey, ChatKey(chatId), PauseKey, QueuedKey(chatId)];
        return (long)await redis.ScriptEvaluateAsync(TakeScript, keys, TakeArguments()) == 0;
    }

    // A whole number of sends per window, and the window as long as they take at the rate: 30/s is 30 per second, 0.5/s is 1 per 2 s.
    private RedisValue[] TakeArguments()
    {
        var o = options.Value;
        var limit = Math.Max(1, Math.Floor(o.GlobalRate));
        var windowMs = limit * 1000 / o.GlobalRate + JitterGuardMs;
        return [limit, windowMs, o.ChatRate, Math.Max(1, o.ChatBurst), Guid.NewGuid().ToString("N")];
    }

    /// <summary>
    /// A reply to this chat was queued: its next replies queue behind it for a while (the interactive
    /// lane is claimed before any broadcast, so it is seconds, not minutes).
    /// </summary>
    public Task MarkQueuedAsync(long chatId) => redis.StringSetAsync(QueuedKey(chatId), "1", QueuedFor);

    private static readonly TimeSpan QueuedFor = TimeSpan.FromSeconds(30);

    private static string QueuedKey(long chatId) => $"tg:queued:{chatId}";

    /// <summary>
    /// Telegram said 429: nobody sends for <paramref name="retryAfter"/>. A pause in force is not
    /// re-armed: the sends already on the wire when the first 429 came are refused too, and each
    /// re-arming would add their stagger to the pause (five pauses for one).
    /// </summary>
    public Task PauseAsync(TimeSpan retryAfter) =>
        redis.StringSetAsync(PauseKey, "1", retryAfter, When.NotExists);
}
