namespace Mindguard.Tests.Fakes.Telegram;

/// <summary>A fault the fake Bot API injects into matching calls, as Telegram would produce it.</summary>
public abstract record Failure
{
    public static Failure TooManyRequests(int retryAfterSeconds) => new TooManyRequestsFailure(retryAfterSeconds);
    public static Failure Blocked() => new BlockedFailure();
    public static Failure ServerError(int status = 502) => new ServerErrorFailure(status);
    public static Failure Delay(TimeSpan delay) => new DelayFailure(delay);
    /// <summary>An HTML error page instead of the Bot API's JSON, as a proxy in front of Telegram may answer.</summary>
    public static Failure HtmlErrorPage(int status = 502) => new HtmlErrorPageFailure(status);
    /// <summary>A 400 with Telegram's description, e.g. "query is too old" for a callback answered after ~15 s.</summary>
    public static Failure BadRequest(string description) => new BadRequestFailure(description);
    /// <summary>Holds the call open until the test releases it, so a test knows a request is in flight.</summary>
    public static HoldFailure Hold() => new();
    public static Failure QueryTooOld() => BadRequest("Bad Request: query is too old and response timeout expired or query ID is invalid");
}

public sealed record TooManyRequestsFailure(int RetryAfterSeconds) : Failure;
public sealed record BlockedFailure : Failure;
public sealed record ServerErrorFailure(int Status) : Failure;
public sealed record DelayFailure(TimeSpan Duration) : Failure;
public sealed record HtmlErrorPageFailure(int Status) : Failure;
public sealed record BadRequestFailure(string Description) : Failure;

public sealed record HoldFailure : Failure
{
    private readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the held call has reached the fake.</summary>
    public Task Arrived => _arrived.Task;

    public void Release() => _released.TrySetResult();

    internal async Task HoldAsync(CancellationToken aborted)
    {
        _arrived.TrySetResult();
        await _released.Task.WaitAsync(aborted);
    }
}

/// <summary>A failure waiting for its next <see cref="Remaining"/> matching calls.</summary>
internal sealed class Injection(Failure failure, string? method, long? chatId, int times)
{
    public Failure Failure { get; } = failure;
    public int Remaining { get; set; } = times;

    public bool Matches(string calledMethod, long? calledChat) =>
        Remaining > 0
        && (method is null || string.Equals(method, calledMethod, StringComparison.OrdinalIgnoreCase))
        && (chatId is null || chatId == calledChat);
}
