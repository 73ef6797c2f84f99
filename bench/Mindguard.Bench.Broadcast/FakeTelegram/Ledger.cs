namespace Mindguard.Bench.Broadcast.FakeTelegram;

/// <summary>One message the fake accepted: to whom and when (since the fake started).</summary>
public readonly record struct Accepted(long ChatId, TimeSpan At);

/// <summary>Everything the fake answered to sendMessage during one phase of the benchmark.</summary>
public sealed class Ledger
{
    private readonly Lock _gate = new();
    private readonly List<Accepted> _accepted = [];
    private readonly Dictionary<Refusal, int> _refused = [];

    public int AcceptedCount
    {
        get { lock (_gate) return _accepted.Count; }
    }

    public void Record(long chatId, TimeSpan at, Verdict verdict)
    {
        lock (_gate)
        {
            if (verdict.Refused is { } reason) _refused[reason] = _refused.GetValueOrDefault(reason) + 1;
            else _accepted.Add(new Accepted(chatId, at));
        }
    }

    public IReadOnlyList<Accepted> AcceptedMessages()
    {
        lock (_gate) return [.. _accepted.OrderBy(a => a.At)];
    }

    public int Refused(Refusal reason)
    {
        lock (_gate) return _refused.GetValueOrDefault(reason);
    }
}
