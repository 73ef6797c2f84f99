namespace Mindguard.Tests.Fakes.Telegram;

public sealed partial class FakeTelegramServer
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);
    private static readonly string[] MessageMethods = ["sendMessage", "sendPhoto", "sendDocument", "editMessageText"];

    public async Task<RecordedCall> WaitForCallAsync(Func<RecordedCall, bool> predicate, TimeSpan? timeout = null) =>
        (await WaitForCallsAsync(predicate, 1, timeout))[0];

    /// <summary>Waits, without polling, until <paramref name="count"/> recorded calls match.</summary>
    public async Task<IReadOnlyList<RecordedCall>> WaitForCallsAsync(Func<RecordedCall, bool> predicate, int count, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var signal = CurrentSignal();
            var matching = Calls.Where(predicate).ToList();
            if (matching.Count >= count) return matching;
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"Expected {count} matching Bot API calls, saw {matching.Count}. All calls:\n" + string.Join("\n", Calls));
            }
            try
            {
                await signal.WaitAsync(left);
            }
            catch (TimeoutException)
            {
                // Loop once more to report what was seen.
            }
        }
    }

    /// <summary>The next message (sent, edited, photo or document) to a chat that matches.</summary>
    public Task<RecordedCall> WaitForMessageAsync(long chatId, Func<RecordedCall, bool>? predicate = null, TimeSpan? timeout = null) =>
        WaitForCallAsync(c => c.Succeeded && c.ChatId == chatId && MessageMethods.Contains(c.Method, StringComparer.OrdinalIgnoreCase)
                              && (predicate?.Invoke(c) ?? true), timeout);

    public IReadOnlyList<RecordedCall> MessagesTo(long chatId) =>
        Calls.Where(c => c.Succeeded && c.ChatId == chatId && MessageMethods.Contains(c.Method, StringComparer.OrdinalIgnoreCase)).ToList();
}
