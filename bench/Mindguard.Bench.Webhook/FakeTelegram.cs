using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Mindguard.Bench.Webhook;

/// <summary>The question a person is looking at: the message to edit and the buttons they may tap.</summary>
public sealed record ShownQuestion(int MessageId, IReadOnlyList<string> Buttons);

/// <summary>
/// A Bot API stand-in on loopback that answers the methods a check-in uses with Bot API JSON, so the
/// real Telegram.Bot client in the app is satisfied. It remembers the last check-in question sent to
/// each chat: that is how the load generator learns which buttons are real, as a person would.
/// </summary>
public sealed class FakeTelegram : IAsyncDisposable
{
    public const long BotId = 424242;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<long, int> _messageIds = new();
    private readonly ConcurrentDictionary<long, ShownQuestion> _questions = new();
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.OrdinalIgnoreCase);

    private FakeTelegram(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeTelegram> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeTelegram(app);
        app.MapPost("/bot{token}/{method}", fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    public ShownQuestion? QuestionIn(long chatId) => _questions.GetValueOrDefault(chatId);

    /// <summary>For sessions the bench opens itself (the minimal endpoint's), as if the question had been sent.</summary>
    public void Show(long chatId, IReadOnlyList<string> buttons) =>
        _questions[chatId] = new ShownQuestion(NextMessageId(chatId), [.. buttons.Where(IsOption)]);

    public IReadOnlyDictionary<string, int> CallCounts() => new Dictionary<string, int>(_calls);

    public void ResetCounts() => _calls.Clear();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, string method)
    {
        // Methods without parameters (getMe) come with an empty body.
        var body = context.Request.ContentLength is 0 or null && !context.Request.HasJsonContentType()
            ? []
            : await JsonNode.ParseAsync(context.Request.Body) as JsonObject ?? [];
        _calls.AddOrUpdate(method, 1, (_, n) => n + 1);
        var result = method.ToLowerInvariant() switch
        {
            "getme" => (JsonNode)BotUser(),
            "sendmessage" => Sent(body),
            "editmessagetext" => Message(ChatId(body), (int)body["message_id"]!, body),
            "answercallbackquery" or "setwebhook" or "deletewebhook" or "setmycommands" or "sendchataction" => JsonValue.Create(true),
            _ => null,
        };
        context.Response.ContentType = "application/json";
        if (result is null)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("""{"ok":false,"error_code":404,"description":"Not Found: method not found"}""");
            return;
        }
        await context.Response.WriteAsync(new JsonObject { ["ok"] = true, ["result"] = result }.ToJsonString());
    }

    private JsonObject Sent(JsonObject body)
    {
        var chatId = ChatId(body);
        var messageId = NextMessageId(chatId);
        if (AnswerButtons(body) is { Count: > 0 } buttons) _questions[chatId] = new ShownQuestion(messageId, buttons);
        return Message(chatId, messageId, body);
    }

    private int NextMessageId(long chatId) => _messageIds.AddOrUpdate(chatId, 1, (_, id) => id + 1);

    // Only the option buttons of a question (ci:v1:<session>:<index>:<value>); "prefer not to answer", "change the
    // previous answer", "skip note" and the deep-check offer are not answers.
    private static List<string> AnswerButtons(JsonObject body) =>
        body["reply_markup"]?["inline_keyboard"] is JsonArray rows
            ? rows.OfType<JsonArray>().SelectMany(row => row.OfType<JsonObject>())
                .Select(button => button["callback_data"]?.GetValue<string>())
                .OfType<string>().Where(IsOption).ToList()
            : [];

    private static bool IsOption(string data) => data.StartsWith("ci:v1:") && data.Split(':') is [_, _, _, _, var value] && int.TryParse(value, out _);

    private static long ChatId(JsonObject body) => long.Parse(body["chat_id"]!.ToString());

    private static JsonObject Message(long chatId, int messageId, JsonObject body)
    {
        var message = new JsonObject
        {
            ["message_id"] = messageId,
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private", ["first_name"] = "Person" },
            ["from"] = BotUser(),
            ["text"] = body["text"]?.DeepClone(),
        };
        if (body["reply_markup"] is { } markup) message["reply_markup"] = markup.DeepClone();
        return message;
    }

    private static JsonObject BotUser() => new() { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "Mindguard", ["username"] = "mindguard_bench_bot" };
}
