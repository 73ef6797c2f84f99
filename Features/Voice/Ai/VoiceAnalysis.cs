using System.Text.Json;

namespace Mindguard.Features.Voice.Ai;

/// <summary>
/// What the language model read in a note. A model can return anything, so the JSON is checked field by
/// field against the same rules as the schema; anything else is refused rather than stored half-right.
/// </summary>
public sealed record VoiceAnalysis(int Mood, int Stress, IReadOnlyList<string> Topics, bool SelfHarmRisk, string Reply)
{
    public const int MaxTopics = 5;
    public const int MaxTopicLength = 40;
    public const int MaxReplyLength = 1200;

    /// <exception cref="VoiceAiException">With <see cref="VoiceFailure.MalformedAnalysis"/> and the first rule broken.</exception>
    public static VoiceAnalysis Parse(string? content)
    {
        if (string.IsNullOrWhiteSpace(content)) throw Malformed("the content is empty");
        try
        {
            using var document = JsonDocument.Parse(content);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Malformed("the content is not a JSON object");

            var mood = Integer(root, "mood", 1, 5);
            var stress = Integer(root, "stress", 0, 10);
            if (!root.TryGetProperty("self_harm_risk", out var risk) || risk.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                throw Malformed("self_harm_risk is not a boolean");
            if (!root.TryGetProperty("topics", out var topics) || topics.ValueKind != JsonValueKind.Array || topics.GetArrayLength() > MaxTopics)
                throw Malformed($"topics is not an array of at most {MaxTopics}");
            var labels = new List<string>();
            foreach (var topic in topics.EnumerateArray())
            {
                var label = topic.ValueKind == JsonValueKind.String ? topic.GetString()!.Trim() : "";
                if (label.Length is 0 or > MaxTopicLength) throw Malformed($"a topic is not a string of 1-{MaxTopicLength} characters");
                labels.Add(label);
            }
            var reply = root.TryGetProperty("reply", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()!.Trim() : "";
            if (reply.Length is 0 or > MaxReplyLength) throw Malformed($"reply is not a string of 1-{MaxReplyLength} characters");

            return new VoiceAnalysis(mood, stress, labels, risk.GetBoolean(), reply);
        }
        catch (JsonException ex)
        {
            throw Malformed("the content is not valid JSON", ex);
        }
    }

    private static int Integer(JsonElement root, string name, int min, int max) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= min && number <= max
            ? number
            : throw Malformed($"{name} is not a whole number from {min} to {max}");

    private static VoiceAiException Malformed(string detail, Exception? inner = null) =>
        new(VoiceFailure.MalformedAnalysis, "Malformed analysis: " + detail, inner);
}
