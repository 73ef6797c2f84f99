using StackExchange.Redis;

namespace Mindguard.Infrastructure.Telegram;

/// <summary>
/// The send budget in Redis, shared by every replica: a sliding window for the whole bot and a token
/// bucket per chat. A 429 from Telegram pauses everything for its <c>retry_after</c>, because Telegram counts per bot.
/// A slot is a <see cref="SendSlot"/>, disposed once Telegram has answered the send.
/// </summary>
public sealed class TelegramRateLimiter(IDatabase redis, IOptions<TelegramOptions> options, TimeProvider time)
{
    private const string PauseKey = "tg:rate:pause";

    /// <summary>A chat's send budget; a chat id is a person's Telegram id, so /forget removes it.</summary>
    public static string ChatKey(long chatId) => $"tg:rate:chat:{chatId}";
    // Not the old bucket's key: during a rolling deploy the old replicas still write a hash there.
    private const string GlobalKey = "tg:rate:global:window";

    // Telegram counts arrivals, and a send arrives somewhere between taking its slot and getting its
    // answer: how far along depends on thread switches and the network, by hundreds of milliseconds on
    // a busy machine, so sends that left spaced can arrive bunched. So a slot counts as "in flight"
    // (scored in the future, never leaving the window) until its send is answered, and then as sent at
    // the moment of the answer, which is no earlier than its arrival. Two sends whose arrivals are less
    // than a window apart then always see each other in the window: at most the limit arrive in any
    // window, whatever the delays. A slot whose replica died mid-send counts as in flight this long.
    private const int InFlightMs = 15_000;
    // While every slot in the window is still in flight, when one frees cannot be computed: look again soon.
    private const int InFlightPollMs = 20;
    // Redis' TIME is read to the millisecond and Telegram's clock is not ours: a slot freed exactly one
    // window after an answer could land a millisecond inside Telegram's second (the broadcast benchmark
    // saw 28 such 429s in 10,000 sends). A few milliseconds more cost 0.5 % of the rate at 30/s.
    private const double ClockGuardMs = 5;

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
          local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2])
          if oldest > now then wait_g = tonumber(ARGV[7]) else wait_g = oldest + window - now end
        end
        local rate, cap = tonumber(ARGV[3]), tonumber(ARGV[4])
        local b = redis.call('HMGET', KEYS[2], 'tokens', 'ts')
        local c = math.min(cap, (tonumber(b[1]) or cap) + math.max(0, now - (tonumber(b[2]) or now)) * rate / 1000)
        if wait_g <= 0 and c >= 1 then
          redis.call('ZADD', KEYS[1], now + tonumber(ARGV[6]), ARGV[5])
          redis.call('PEXPIRE', KEYS[1], math.ceil(window) + tonumber(ARGV[6]) + 1000)
          redis.call('HSET', KEYS[2], 'tokens', c - 1, 'ts', now)
          redis.call('PEXPIRE', KEYS[2], 60000)
          return 0
        end
        local wait_c = 0
        if c < 1 then wait_c = (1 - c) * 1000 / rate end
        return math.max(1, math.ceil(math.max(wait_g, wait_c)))
        """;

    // The send was answered: from now on its slot counts as sent at this moment (see InFlightMs).
    // XX: a slot already gone (its window passed, the key expired) is not brought back.
    private const string AnsweredScript = """
        local t = redis.call('TIME')
        redis.call('ZADD', KEYS[1], 'XX', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), ARGV[1])
        return 1
        """;

    /// <summary>Waits until one message to <paramref name="chatId"/> may be sent.</summary>
    public async Task<SendSlot> AcquireAsync(long chatId, CancellationToken ct) =>
        (await TryAcquireAsync(chatId, Timeout.InfiniteTimeSpan, ct))!;

    /// <summary>Whether Telegram asked everyone to wait (a 429 pause is in force).</summary>
    public async Task<bool> PausedAsync() => await redis.KeyExistsAsync(PauseKey);

    /// <summary>Like <see cref="AcquireAsync"/>, but gives up after <paramref name="maxWait"/> and returns null.</summary>
    public async Task<SendSlot?> TryAcquireAsync(long chatId, TimeSpan maxWait, CancellationToken ct)
    {
        var deadline = maxWait == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue : time.GetUtcNow() + maxWait;
        RedisKey[] keys = [GlobalKey, ChatKey(chatId), PauseKey];
        while (true)
        {
            var (arguments, slot) = TakeArguments();
            var waitMs = (long)await redis.ScriptEvaluateAsync(TakeScript, keys, arguments);
            if (waitMs <= 0) return slot;
            if (time.GetUtcNow() + TimeSpan.FromMilliseconds(Math.Min(waitMs, 1000)) > deadline) return null;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(waitMs, 1000)), time, ct);
        }
    }

    /// <summary>
    /// A slot for a direct reply, now or never: null when the budget has none at this moment, during a
    /// 429 pause, or while earlier replies to this chat wait in the outbox (<see cref="MarkQueuedAsync"/>).
    /// </summary>
    public async Task<SendSlot?> TryTakeReplySlotAsync(long chatId)
    {
        RedisKey[] keys = [GlobalKey, ChatKey(chatId), PauseKey, QueuedKey(chatId)];
        var (arguments, slot) = TakeArguments();
        return (long)await redis.ScriptEvaluateAsync(TakeScript, keys, arguments) == 0 ? slot : null;
    }

    internal async Task AnsweredAsync(string slot)
    {
        try
        {
            await redis.ScriptEvaluateAsync(AnsweredScript, [GlobalKey], [slot]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The send itself is done; its slot simply stays "in flight" until InFlightMs, a little budget lost.
        }
    }

    // A whole number of sends per window, and the window as long as they take at the rate: 30/s is 30 per second, 0.5/s is 1 per 2 s.
    private (RedisValue[] Arguments, SendSlot Slot) TakeArguments()
    {
        var o = options.Value;
        var limit = Math.Max(1, Math.Floor(o.GlobalRate));
        var windowMs = limit * 1000 / o.GlobalRate + ClockGuardMs;
        var slot = new SendSlot(this, Guid.NewGuid().ToString("N"));
        return ([limit, windowMs, o.ChatRate, Math.Max(1, o.ChatBurst), slot.Id, InFlightMs, InFlightPollMs], slot);
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

/// <summary>
/// One message's place in the bot's send budget. Dispose it when Telegram has answered the send (or
/// the send failed): until then it counts as in flight, and then as sent at that moment.
/// </summary>
public sealed class SendSlot(TelegramRateLimiter limiter, string id) : IAsyncDisposable
{
    internal string Id { get; } = id;

    public ValueTask DisposeAsync() => new(limiter.AnsweredAsync(Id));
}
