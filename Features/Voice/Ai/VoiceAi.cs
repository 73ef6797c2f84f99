using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI;
using OpenAI.Audio;
using OpenAI.Chat;

namespace Mindguard.Features.Voice.Ai;

/// <summary>
/// Speech to text and analysis through the OpenAI SDK, against whatever server OPENAI_BASE_URL names.
/// Transient failures are retried by the resilience handler of the HTTP client (see VoiceServices);
/// everything the server cannot answer usably surfaces as one <see cref="VoiceAiException"/>.
/// </summary>
public sealed class VoiceAi(IOptions<VoiceOptions> options, IHttpClientFactory httpClients)
{
    public const string HttpClientName = "voice-ai";

    public async Task<string> TranscribeAsync(Stream audio, string fileName, CancellationToken ct)
    {
        var o = options.Value;
        var client = new AudioClient(o.SttModel, Key(o), ClientOptions(o));
        var result = await CallAsync(() => client.TranscribeAudioAsync(audio, fileName,
            new AudioTranscriptionOptions { ResponseFormat = AudioTranscriptionFormat.Simple }, ct));
        return result.Value.Text?.Trim() ?? "";
    }

    public async Task<VoiceAnalysis> AnalyseAsync(string transcript, string language, CancellationToken ct)
    {
        var o = options.Value;
        var client = new ChatClient(o.LlmModel, Key(o), ClientOptions(o));
        ChatMessage[] messages = [new SystemChatMessage(AnalysisPrompt.System(language)), new UserChatMessage(AnalysisPrompt.User(transcript))];
        var request = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(AnalysisPrompt.SchemaName, AnalysisPrompt.Schema, jsonSchemaIsStrict: true),
            // Low but not zero: the numbers should be steady, the reply should not sound canned.
            Temperature = 0.3f,
            MaxOutputTokenCount = 600,
        };
        var completion = (await CallAsync(() => client.CompleteChatAsync(messages, request, ct))).Value;
        if (!string.IsNullOrEmpty(completion.Refusal))
            throw new VoiceAiException(VoiceFailure.MalformedAnalysis, "The model refused to analyse the note");
        if (completion.FinishReason != ChatFinishReason.Stop)
            throw new VoiceAiException(VoiceFailure.MalformedAnalysis, $"The analysis stopped early ({completion.FinishReason})");
        return VoiceAnalysis.Parse(string.Concat(completion.Content.Select(part => part.Text)));
    }

    private static ApiKeyCredential Key(VoiceOptions o) =>
        new(o.ApiKey ?? throw new InvalidOperationException("Voice is off: OPENAI_API_KEY is not set"));

    // A client per note is cheap next to the calls it makes, and takes a fresh HttpClient from the
    // factory, so pooled handlers rotate as the factory intends.
    private OpenAIClientOptions ClientOptions(VoiceOptions o) => new()
    {
        Endpoint = o.ApiEndpoint,
        Transport = new HttpClientPipelineTransport(httpClients.CreateClient(HttpClientName)),
        // The HTTP resilience handler owns retries; the SDK's own would multiply them.
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        NetworkTimeout = o.Timeout,
    };

    private static async Task<ClientResult<T>> CallAsync<T>(Func<Task<ClientResult<T>>> call)
    {
        try
        {
            return await call();
        }
        catch (ClientResultException ex)
        {
            throw new VoiceAiException(VoiceFailure.ServiceError, $"The server answered {ex.Status}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new VoiceAiException(VoiceFailure.ServiceError, "The server could not be reached", ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An answer the SDK cannot read (a proxy's HTML page, a half-compatible server) is the server's failure too.
            throw new VoiceAiException(VoiceFailure.ServiceError, $"The server's answer could not be read ({ex.GetType().Name})", ex);
        }
    }
}
