namespace Mindguard.Tests.Support;

/// <summary>
/// Awaits a condition on stored state that no event announces (a row's status, say), checking
/// often and failing with a clear message at the deadline. Not a fixed sleep: it returns as soon as it holds.
/// </summary>
public static class Eventually
{
    public static async Task<T> HoldsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var value = await probe();
            if (condition(value)) return value;
            if (DateTimeOffset.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}; last value: {value}");
            await Task.Delay(50);
        }
    }
}
