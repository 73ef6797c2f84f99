namespace Mindguard.Features.Voice;

/// <summary>
/// The speech-to-text and language model server behind voice notes: OpenAI, or any server that speaks
/// the same API (a self-hosted Whisper, a local LLM gateway). Without a key, voice is off and the bot
/// says so politely; nothing else depends on it.
/// </summary>
public sealed class VoiceOptions
{
    /// <summary>Telegram refuses to hand bots files above 20 MB, and a note that size is far past a useful one.</summary>
    public const long MaxBytes = 20L * 1024 * 1024;

    /// <summary>Five minutes: long enough to say what is on one's mind, short enough to read back in one go.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(5);

    /// <summary>Bearer key for the server. Absent → voice notes get the "unavailable" message.</summary>
    [ConfigurationKeyName("OPENAI_API_KEY")]
    public string? ApiKey { get; set; }

    /// <summary>Server root without <c>/v1</c> (a trailing <c>/v1</c> is accepted too).</summary>
    [ConfigurationKeyName("OPENAI_BASE_URL")]
    public string BaseUrl { get; set; } = "https://api.openai.com";

    /// <summary>Model for <c>/v1/audio/transcriptions</c>.</summary>
    [ConfigurationKeyName("STT_MODEL")]
    public string SttModel { get; set; } = "whisper-1";

    /// <summary>Model for <c>/v1/chat/completions</c>; it must support JSON-schema response formats.</summary>
    [ConfigurationKeyName("LLM_MODEL")]
    public string LlmModel { get; set; } = "gpt-4o-mini";

    /// <summary>
    /// Budget for one note from download to analysis, retries included. The person is waiting, and the
    /// update is handled inside the webhook call, so it stays well under the two-minute update claim.
    /// </summary>
    [ConfigurationKeyName("VOICE_TIMEOUT_SECONDS")]
    public int TimeoutSeconds { get; set; } = 45;

    /// <summary>Retries of a transient failure (5xx, 408, 429, network) of one call to the server.</summary>
    [ConfigurationKeyName("VOICE_RETRIES")]
    public int Retries { get; set; } = 2;

    /// <summary>Wait before the first retry; later ones back off exponentially with jitter.</summary>
    [ConfigurationKeyName("VOICE_RETRY_DELAY_MS")]
    public int RetryDelayMilliseconds { get; set; } = 500;

    public bool Enabled => !string.IsNullOrWhiteSpace(ApiKey);

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>The SDK's endpoint: the base URL with exactly one <c>/v1</c>.</summary>
    public Uri ApiEndpoint
    {
        get
        {
            var root = BaseUrl.Trim().TrimEnd('/');
            if (root.EndsWith("/v1", StringComparison.OrdinalIgnoreCase)) root = root[..^3];
            return new Uri(root + "/v1");
        }
    }
}

/// <summary>Readable start-up failures naming the variable; the key itself is never echoed.</summary>
public sealed class VoiceOptionsValidator : IValidateOptions<VoiceOptions>
{
    public ValidateOptionsResult Validate(string? name, VoiceOptions o)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(o.BaseUrl?.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            failures.Add("OPENAI_BASE_URL must be an absolute http(s) URL such as https://api.openai.com");
        else if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment))
            failures.Add("OPENAI_BASE_URL must not carry a query or fragment");
        if (o.Enabled && o.ApiKey!.Any(char.IsWhiteSpace))
            failures.Add("OPENAI_API_KEY must not contain spaces or line breaks (check how it was pasted)");
        if (string.IsNullOrWhiteSpace(o.SttModel))
            failures.Add("STT_MODEL must name a speech-to-text model, e.g. whisper-1");
        if (string.IsNullOrWhiteSpace(o.LlmModel))
            failures.Add("LLM_MODEL must name a chat model with JSON-schema output, e.g. gpt-4o-mini");
        if (o.TimeoutSeconds is < 1 or > 110)
            failures.Add($"VOICE_TIMEOUT_SECONDS must be between 1 and 110 (got {o.TimeoutSeconds}); the update claim lasts two minutes");
        if (o.Retries is < 0 or > 5)
            failures.Add($"VOICE_RETRIES must be between 0 and 5 (got {o.Retries})");
        if (o.RetryDelayMilliseconds is < 0 or > 10_000)
            failures.Add($"VOICE_RETRY_DELAY_MS must be between 0 and 10000 (got {o.RetryDelayMilliseconds})");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
