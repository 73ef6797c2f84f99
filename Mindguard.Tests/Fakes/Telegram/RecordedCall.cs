using System.Text.Json.Nodes;

namespace Mindguard.Tests.Fakes.Telegram;

/// <summary>One request the bot made to the fake Bot API, with what the fake answered.</summary>
public sealed record RecordedCall(string Method, string Token, JsonObject Body, IReadOnlyDictionary<string, byte[]> Files, DateTimeOffset At, int StatusCode)
{
    public long? ChatId => Body["chat_id"] is { } id && long.TryParse(id.ToString(), out var value) ? value : null;

    public string? Text => Body["text"]?.GetValue<string>() ?? Body["caption"]?.GetValue<string>();

    public bool Succeeded => StatusCode == 200;

    /// <summary>The callback data of every inline button, in order.</summary>
    public IReadOnlyList<string> ButtonData => Buttons.Select(b => b["callback_data"]?.GetValue<string>()).OfType<string>().ToList();

    public IReadOnlyList<string> ButtonTexts => Buttons.Select(b => b["text"]?.GetValue<string>()).OfType<string>().ToList();

    private IEnumerable<JsonObject> Buttons
    {
        get
        {
            var markup = Body["reply_markup"] switch
            {
                JsonObject obj => obj,
                JsonValue value when value.TryGetValue<string>(out var json) => JsonNode.Parse(json) as JsonObject,
                _ => null,
            };
            return markup?["inline_keyboard"]?.AsArray().SelectMany(row => row!.AsArray()).OfType<JsonObject>() ?? [];
        }
    }

    public override string ToString() => $"{At:HH:mm:ss.fff} {Method} → {StatusCode} {Body.ToJsonString()}";
}
