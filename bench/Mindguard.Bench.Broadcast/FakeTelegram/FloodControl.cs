namespace Mindguard.Bench.Broadcast.FakeTelegram;

/// <summary>Why the fake refused a message with 429.</summary>
public enum Refusal { GlobalLimit, ChatLimit, DuringRetryAfter, Injected }

/// <summary>What the fake answers one sendMessage: accepted, or 429 with how long to wait.</summary>
public readonly record struct Verdict(Refusal? Refused, int RetryAfterSeconds)
{
    public static readonly Verdict Accepted = new(null, 0);
}

/// <summary>
/// Telegram's flood control, made strict so a benchmark can hold an app to it: no more than
/// <c>globalPerSecond</c> accepted messages in any sliding one-second window, no more than
/// <c>chatPerSecond</c> to one chat, and a few 429s for no reason at all. Every 429 announces a
/// retry_after that is enforced like Telegram's flood wait: for the whole bot when the bot was too
/// fast (or unlucky), for the one chat when that chat was written to too often.
/// </summary>
public sealed class FloodControl(int globalPerSecond, int chatPerSecond, double injectedShare, int seed, int injectedRetryAfterSeconds = 1)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Queue<TimeSpan> _recent = new();
    private readonly Dictionary<long, Queue<TimeSpan>> _recentPerChat = [];
    private readonly Dictionary<long, TimeSpan> _chatPausedUntil = [];
    private readonly List<(TimeSpan From, TimeSpan To)> _pauses = [];
    private readonly Random _random = new(seed);
    private TimeSpan _pausedUntil = TimeSpan.MinValue;

    public Verdict Decide(long chatId, TimeSpan now)
    {
        lock (_gate)
        {
            if (now < _pausedUntil) return Refuse(Refusal.DuringRetryAfter, _pausedUntil - now);
            if (_chatPausedUntil.TryGetValue(chatId, out var chatPause) && now < chatPause)
                return Refuse(Refusal.DuringRetryAfter, chatPause - now);

            Trim(_recent, now);
            if (_recent.Count >= globalPerSecond) return PauseBot(Refusal.GlobalLimit, now, _recent.Peek() + Window - now);

            var chat = _recentPerChat.TryGetValue(chatId, out var q) ? q : _recentPerChat[chatId] = new Queue<TimeSpan>();
            Trim(chat, now);
            if (chat.Count >= chatPerSecond)
            {
                var verdict = Refuse(Refusal.ChatLimit, chat.Peek() + Window - now);
                _chatPausedUntil[chatId] = now + TimeSpan.FromSeconds(verdict.RetryAfterSeconds);
                return verdict;
            }

            if (_random.NextDouble() < injectedShare)
                return PauseBot(Refusal.Injected, now, TimeSpan.FromSeconds(injectedRetryAfterSeconds));

            _recent.Enqueue(now);
            chat.Enqueue(now);
            return Verdict.Accepted;
        }
    }

    /// <summary>How long, between <paramref name="from"/> and <paramref name="to"/>, the whole bot was told to wait.</summary>
    public TimeSpan PausedBetween(TimeSpan from, TimeSpan to)
    {
        lock (_gate)
        {
            var total = TimeSpan.Zero;
            var coveredUntil = from;
            foreach (var (start, end) in _pauses.OrderBy(p => p.From))
            {
                var s = start > coveredUntil ? start : coveredUntil;
                var e = end < to ? end : to;
                if (e > s) total += e - s;
                if (e > coveredUntil) coveredUntil = e;
            }
            return total;
        }
    }

    private Verdict PauseBot(Refusal reason, TimeSpan now, TimeSpan wait)
    {
        var verdict = Refuse(reason, wait);
        _pausedUntil = now + TimeSpan.FromSeconds(verdict.RetryAfterSeconds);
        _pauses.Add((now, _pausedUntil));
        return verdict;
    }

    // Telegram's retry_after is whole seconds, at least one.
    private static Verdict Refuse(Refusal reason, TimeSpan wait) =>
        new(reason, Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)));

    private static void Trim(Queue<TimeSpan> sent, TimeSpan now)
    {
        while (sent.Count > 0 && sent.Peek() <= now - Window) sent.Dequeue();
    }
}
