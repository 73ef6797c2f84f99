namespace Mindguard.Tests.Fakes.OpenAi;

/// <summary>The two operations the fake serves.</summary>
public enum AiEndpoint { Transcriptions, ChatCompletions }

/// <summary>A fault the fake OpenAI-compatible server injects into matching requests.</summary>
public abstract record AiFault
{
    /// <summary>An error status with OpenAI's error body.</summary>
    public static AiFault ServerError(int status = 500) => new ServerErrorFault(status);

    /// <summary>Waits this long (or until the client gives up) before answering normally.</summary>
    public static AiFault Slow(TimeSpan delay) => new SlowFault(delay);

    /// <summary>A well-formed completion whose message content is <paramref name="content"/> instead of the analysis.</summary>
    public static AiFault MalformedContent(string content) => new MalformedContentFault(content);

    /// <summary>A completion in which the model declines: <c>refusal</c> set, no content.</summary>
    public static AiFault Refusal(string text = "I'm sorry, I can't help with that.") => new RefusalFault(text);
}

public sealed record ServerErrorFault(int Status) : AiFault;
public sealed record SlowFault(TimeSpan Delay) : AiFault;
public sealed record MalformedContentFault(string Content) : AiFault;
public sealed record RefusalFault(string Text) : AiFault;

internal sealed class AiInjection(AiFault fault, AiEndpoint endpoint, int times)
{
    public AiFault Fault { get; } = fault;
    public AiEndpoint Endpoint { get; } = endpoint;
    public int Remaining { get; set; } = times;
}
