using System.Text.Json.Nodes;

namespace Mindguard.Tests.Fakes.Telegram;

/// <summary>Raw updates in Telegram's wire format, exactly as Telegram posts them to a webhook.</summary>
public static class TelegramUpdates
{
    private static long _updateId = 100_000_000 + Random.Shared.Next(0, 1_000_000) * 100L;
    private static int _messageId = 1000;

    public static long NextUpdateId() => Interlocked.Increment(ref _updateId);

    /// <summary>A private text message; a leading slash makes it a command with its entity.</summary>
    public static string Text(long fromId, string text, string? languageCode = "uk", long? updateId = null)
    {
        var message = Message(fromId, languageCode);
        message["text"] = text;
        if (text.StartsWith('/'))
        {
            var length = text.IndexOf(' ') is var space and > 0 ? space : text.Length;
            message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = length });
        }
        return Wrap("message", message, updateId);
    }

    public static string Callback(long fromId, string data, int messageId = 1, string? languageCode = "uk", long? updateId = null) =>
        Wrap("callback_query", new JsonObject
        {
            ["id"] = Guid.NewGuid().ToString("N"),
            ["from"] = From(fromId, languageCode),
            ["message"] = new JsonObject
            {
                ["message_id"] = messageId,
                ["date"] = Now(),
                ["chat"] = Chat(fromId),
                ["from"] = new JsonObject { ["id"] = FakeTelegramServer.BotId, ["is_bot"] = true, ["first_name"] = "Mindguard" },
                ["text"] = "…",
            },
            ["chat_instance"] = fromId.ToString(),
            ["data"] = data,
        }, updateId);

    public static string Voice(long fromId, string fileId, int durationSeconds, long fileSize, string? languageCode = "uk")
    {
        var message = Message(fromId, languageCode);
        message["voice"] = new JsonObject
        {
            ["file_id"] = fileId, ["file_unique_id"] = fileId + "-u", ["duration"] = durationSeconds, ["mime_type"] = "audio/ogg", ["file_size"] = fileSize,
        };
        return Wrap("message", message, null);
    }

    /// <summary>An audio file (music-player style) rather than a recorded voice note.</summary>
    public static string Audio(long fromId, string fileId, int durationSeconds, long fileSize, string fileName, string mimeType = "audio/mpeg", string? languageCode = "uk")
    {
        var message = Message(fromId, languageCode);
        message["audio"] = new JsonObject
        {
            ["file_id"] = fileId, ["file_unique_id"] = fileId + "-u", ["duration"] = durationSeconds, ["file_name"] = fileName,
            ["mime_type"] = mimeType, ["file_size"] = fileSize,
        };
        return Wrap("message", message, null);
    }

    public static string EditedText(long fromId, string text)
    {
        var message = Message(fromId, "uk");
        message["text"] = text;
        message["edit_date"] = Now();
        return Wrap("edited_message", message, null);
    }

    /// <summary>An update kind the bot does not use (a poll answer).</summary>
    public static string UnknownKind(long fromId) =>
        Wrap("poll_answer", new JsonObject { ["poll_id"] = "1", ["user"] = From(fromId, "uk"), ["option_ids"] = new JsonArray(0) }, null);

    private static JsonObject Message(long fromId, string? languageCode) => new()
    {
        ["message_id"] = Interlocked.Increment(ref _messageId),
        ["from"] = From(fromId, languageCode),
        ["chat"] = Chat(fromId),
        ["date"] = Now(),
    };

    private static JsonObject From(long id, string? languageCode)
    {
        var user = new JsonObject { ["id"] = id, ["is_bot"] = false, ["first_name"] = "Person", ["username"] = $"person{id}" };
        if (languageCode is not null) user["language_code"] = languageCode;
        return user;
    }

    private static JsonObject Chat(long id) => new() { ["id"] = id, ["type"] = "private", ["first_name"] = "Person" };

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static string Wrap(string kind, JsonObject payload, long? updateId) =>
        new JsonObject { ["update_id"] = updateId ?? NextUpdateId(), [kind] = payload }.ToJsonString();
}
