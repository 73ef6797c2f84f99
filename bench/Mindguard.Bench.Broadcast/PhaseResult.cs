using Mindguard.Bench.Broadcast.FakeTelegram;

namespace Mindguard.Bench.Broadcast;

/// <summary>What one sender achieved against the fake, counted from what the fake accepted.</summary>
public sealed record PhaseResult(
    string Name, int Expected, int Accepted, TimeSpan Duration, double Rate, double SteadyRate,
    TimeSpan Paused, int Lost, int DuplicatedChats, int ExtraMessages, int EnforcedRefusals, int InjectedRefusals,
    IReadOnlyDictionary<Refusal, int> RefusalsByCause)
{
    public static PhaseResult From(string name, Phase phase, IReadOnlyCollection<long> expectedChats)
    {
        // Only the broadcast's own chats: the crisis probe's messages travel beside it, in their own lane.
        var expected = expectedChats.ToHashSet();
        var accepted = phase.Ledger.AcceptedMessages().Where(a => expected.Contains(a.ChatId)).ToList();
        var perChat = accepted.GroupBy(a => a.ChatId).ToDictionary(g => g.Key, g => g.Count());
        var duration = accepted.Count > 1 ? accepted[^1].At - accepted[0].At : TimeSpan.Zero;
        var paused = accepted.Count > 1 ? phase.Flood.PausedBetween(accepted[0].At, accepted[^1].At) : TimeSpan.Zero;
        var ledger = phase.Ledger;
        return new PhaseResult(
            name, expectedChats.Count, accepted.Count, duration,
            Rate: PerSecond(accepted.Count - 1, duration),
            SteadyRate: Steady(accepted),
            Paused: paused,
            Lost: expectedChats.Count(c => !perChat.ContainsKey(c)),
            DuplicatedChats: perChat.Count(c => c.Value > 1),
            ExtraMessages: perChat.Values.Sum(n => Math.Max(0, n - 1)),
            EnforcedRefusals: ledger.Refused(Refusal.GlobalLimit) + ledger.Refused(Refusal.ChatLimit) + ledger.Refused(Refusal.DuringRetryAfter),
            InjectedRefusals: ledger.Refused(Refusal.Injected),
            RefusalsByCause: Enum.GetValues<Refusal>().ToDictionary(r => r, ledger.Refused));
    }

    // Messages are counted as gaps between the first and the last, so N messages at exactly 30/s read 30/s.
    private static double PerSecond(int gaps, TimeSpan over) => over > TimeSpan.Zero ? gaps / over.TotalSeconds : 0;

    // The middle 80 % of the broadcast: without the start (dispatch still writing rows) and the tail.
    private static double Steady(IReadOnlyList<Accepted> accepted)
    {
        if (accepted.Count < 10) return 0;
        int from = accepted.Count / 10, to = accepted.Count * 9 / 10;
        return PerSecond(to - from, accepted[to].At - accepted[from].At);
    }
}
