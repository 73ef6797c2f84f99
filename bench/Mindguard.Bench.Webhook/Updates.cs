using System.Text.Json.Nodes;

namespace Mindguard.Bench.Webhook;

/// <summary>Updates in Telegram's wire format, as Telegram posts them to a webhook.</summary>
public static class Updates
{
    private static long _updateId = 700_000_000;
    private static int _messageId = 1;

    public static long NextId() => Interlocked.Increment(ref _updateId);

    public static string Command(long telegramId, string text)
    {
        var length = text.IndexOf(' ') is var space and > 0 ? space : text.Length;
        return Wrap("message", new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref _messageId),
            ["from"] = From(telegramId),
            ["chat"] = Chat(telegramId),
            ["date"] = Now(),
            ["text"] = text,
            ["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = length }),
        });
    }

    /// <summary>A tap on a button of message <paramref name="messageId"/>.</summary>
    public static string Tap(long telegramId, int messageId, string data) => Wrap("callback_query", new JsonObject
    {
        ["id"] = $"{telegramId}-{Interlocked.Increment(ref _messageId)}",
        ["from"] = From(telegramId),
        ["message"] = new JsonObject
        {
            ["message_id"] = messageId,
            ["date"] = Now(),
            ["chat"] = Chat(telegramId),
            ["from"] = new JsonObject { ["id"] = FakeTelegram.BotId, ["is_bot"] = true, ["first_name"] = "Mindguard" },
            ["text"] = "…",
        },
        ["chat_instance"] = telegramId.ToString(),
        ["data"] = data,
    });

    private static JsonObject From(long id) => new() { ["id"] = id, ["is_bot"] = false, ["first_name"] = "Person", ["language_code"] = "en" };

    private static JsonObject Chat(long id) => new() { ["id"] = id, ["type"] = "private", ["first_name"] = "Person" };

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static string Wrap(string kind, JsonObject payload) => new JsonObject { ["update_id"] = NextId(), [kind] = payload }.ToJsonString();
}
