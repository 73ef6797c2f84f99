namespace Mindguard.Features.Voice.Ai;

/// <summary>Why a note could not be handled by the speech/language server; logged, never shown as such.</summary>
public enum VoiceFailure
{
    /// <summary>The server answered with an error (after retries for transient ones) or could not be reached.</summary>
    ServiceError,
    /// <summary>The analysis was not the JSON the schema asks for, or was out of range, or was refused.</summary>
    MalformedAnalysis,
}

/// <summary>The server could not give a usable answer; the person gets the polite "unavailable" message.</summary>
public sealed class VoiceAiException(VoiceFailure failure, string detail, Exception? inner = null) : Exception(detail, inner)
{
    public VoiceFailure Failure { get; } = failure;
}
