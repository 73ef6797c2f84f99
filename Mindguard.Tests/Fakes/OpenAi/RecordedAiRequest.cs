using System.Text.Json.Nodes;

namespace Mindguard.Tests.Fakes.OpenAi;

/// <summary>
/// One request the app made to the fake, with what the fake answered. Transcriptions carry their
/// multipart fields and the uploaded audio; chat completions their JSON body.
/// </summary>
public sealed record RecordedAiRequest(
    AiEndpoint Endpoint, string? Authorization, IReadOnlyDictionary<string, string> Fields, byte[]? Audio, string? AudioFileName,
    JsonObject? Json, DateTimeOffset At, int StatusCode)
{
    public string? Model => Json?["model"]?.GetValue<string>() ?? Fields.GetValueOrDefault("model");

    /// <summary>The text of the chat message with <paramref name="role"/> (system or user).</summary>
    public string? MessageText(string role) =>
        Json?["messages"]?.AsArray().OfType<JsonObject>().FirstOrDefault(m => m["role"]?.GetValue<string>() == role)?["content"] switch
        {
            JsonValue text => text.GetValue<string>(),
            JsonArray parts => string.Concat(parts.OfType<JsonObject>().Select(p => p["text"]?.GetValue<string>())),
            _ => null,
        };

    public override string ToString() => $"{At:HH:mm:ss.fff} {Endpoint} {Model} → {StatusCode}";
}
