using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Mindguard.Tests.Fakes.Telegram;

public sealed partial class FakeTelegramServer
{
    public const long BotId = 123456;

    private async Task HandleMethodAsync(HttpContext context, string token, string method)
    {
        var (body, files) = await ReadRequestAsync(context.Request);
        var chatId = body["chat_id"] is { } id && long.TryParse(id.ToString(), out var value) ? value : (long?)null;

        var failure = TakeInjection(method, chatId);
        if (failure is HoldFailure hold)
        {
            await hold.HoldAsync(context.RequestAborted);
            failure = null;
        }
        if (failure is DelayFailure delay)
        {
            await Task.Delay(delay.Duration, context.RequestAborted);
            failure = null;
        }
        if (failure is HtmlErrorPageFailure page)
        {
            Record(new RecordedCall(method, token, body, files, DateTimeOffset.UtcNow, page.Status));
            context.Response.StatusCode = page.Status;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync($"<html><body><h1>{page.Status} Bad Gateway</h1></body></html>");
            return;
        }
        var (status, response) = failure switch
        {
            TooManyRequestsFailure f => (429, Error(429, $"Too Many Requests: retry after {f.RetryAfterSeconds}", new JsonObject { ["retry_after"] = f.RetryAfterSeconds })),
            BlockedFailure => (403, Error(403, "Forbidden: bot was blocked by the user")),
            BadRequestFailure f => (400, Error(400, f.Description)),
            ServerErrorFailure f => (f.Status, Error(f.Status, f.Status == 502 ? "Bad Gateway" : "Internal Server Error")),
            _ => await AnswerAsync(method, body, context.RequestAborted),
        };

        Record(new RecordedCall(method, token, body, files, DateTimeOffset.UtcNow, status));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString());
    }

    private async Task<(int, JsonObject)> AnswerAsync(string method, JsonObject body, CancellationToken ct)
    {
        switch (method.ToLowerInvariant())
        {
            case "getme":
                return Ok(BotUser());
            case "sendmessage":
                return Ok(NewMessage(body, m => m["text"] = body["text"]?.DeepClone()));
            case "sendphoto":
                return Ok(NewMessage(body, m => m["photo"] = new JsonArray(new JsonObject
                {
                    ["file_id"] = $"photo-{Guid.NewGuid():N}", ["file_unique_id"] = Guid.NewGuid().ToString("N"), ["width"] = 800, ["height"] = 400,
                })));
            case "senddocument":
                return Ok(NewMessage(body, m => m["document"] = new JsonObject
                {
                    ["file_id"] = $"doc-{Guid.NewGuid():N}", ["file_unique_id"] = Guid.NewGuid().ToString("N"), ["file_name"] = "file",
                }));
            case "editmessagetext":
            case "editmessagereplymarkup":
                return Ok(EditedMessage(body));
            case "answercallbackquery" or "sendchataction" or "setwebhook" or "deletewebhook" or "setmycommands" or "deletemessage":
                return Ok(JsonValue.Create(true));
            case "getwebhookinfo":
                return Ok(new JsonObject { ["url"] = "", ["has_custom_certificate"] = false, ["pending_update_count"] = 0 });
            case "getupdates":
                return Ok(await LongPollAsync(body, ct));
            case "getfile":
                return GetFile(body);
            default:
                return (404, Error(404, "Not Found: method not found"));
        }
    }

    private (int, JsonObject) GetFile(JsonObject body)
    {
        var fileId = body["file_id"]?.GetValue<string>() ?? "";
        lock (_files)
        {
            if (!_files.TryGetValue(fileId, out var file)) return (400, Error(400, "Bad Request: invalid file_id"));
            return Ok(new JsonObject
            {
                ["file_id"] = fileId, ["file_unique_id"] = fileId + "-u", ["file_size"] = file.Content.Length, ["file_path"] = file.Path,
            });
        }
    }

    private async Task<JsonArray> LongPollAsync(JsonObject body, CancellationToken ct)
    {
        var offset = body["offset"] is { } o ? long.Parse(o.ToString()) : 0;
        var timeout = TimeSpan.FromSeconds(body["timeout"] is { } t ? int.Parse(t.ToString()) : 0);
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var signal = CurrentSignal();
            lock (_pendingUpdates)
            {
                _pendingUpdates.RemoveAll(u => u["update_id"]!.GetValue<long>() < offset);
                if (_pendingUpdates.Count > 0) return new JsonArray([.. _pendingUpdates.Select(u => (JsonNode)u.DeepClone())]);
            }
            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero) return [];
            try
            {
                await signal.WaitAsync(left, ct);
            }
            catch (TimeoutException)
            {
                return [];
            }
        }
    }

    private JsonObject NewMessage(JsonObject body, Action<JsonObject> fill)
    {
        var chatId = long.Parse(body["chat_id"]!.ToString());
        int messageId;
        lock (_messageIds) messageId = _messageIds[chatId] = _messageIds.GetValueOrDefault(chatId) + 1;
        var message = MessageShell(chatId, messageId);
        fill(message);
        if (body["reply_markup"] is { } markup) message["reply_markup"] = ParseMaybeString(markup);
        return message;
    }

    private static JsonObject EditedMessage(JsonObject body)
    {
        var message = MessageShell(long.Parse(body["chat_id"]!.ToString()), int.Parse(body["message_id"]!.ToString()));
        if (body["text"] is { } text) message["text"] = text.DeepClone();
        if (body["reply_markup"] is { } markup) message["reply_markup"] = ParseMaybeString(markup);
        message["edit_date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return message;
    }

    private static JsonObject MessageShell(long chatId, int messageId) => new()
    {
        ["message_id"] = messageId,
        ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private", ["first_name"] = "Person" },
        ["from"] = BotUser(),
    };

    private static JsonObject BotUser() => new()
    {
        ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "Mindguard", ["username"] = "mindguard_test_bot",
    };

    // Multipart requests carry objects such as reply_markup as JSON text.
    private static JsonNode? ParseMaybeString(JsonNode node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && s.StartsWith('{') ? JsonNode.Parse(s) : node.DeepClone();

    private static (int, JsonObject) Ok(JsonNode result) => (200, new JsonObject { ["ok"] = true, ["result"] = result });

    private static JsonObject Error(int code, string description, JsonObject? parameters = null)
    {
        var error = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (parameters is not null) error["parameters"] = parameters;
        return error;
    }

    private static async Task<(JsonObject Body, IReadOnlyDictionary<string, byte[]> Files)> ReadRequestAsync(HttpRequest request)
    {
        var files = new Dictionary<string, byte[]>();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            var body = new JsonObject();
            foreach (var (key, value) in form) body[key] = value.ToString();
            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer);
                files[file.Name] = buffer.ToArray();
            }
            // Telegram.Bot uploads a file as a part named "0" and sets the parameter to "attach://0":
            // record the bytes under the parameter's name, as tests think of them (photo, document).
            foreach (var (key, value) in form)
            {
                if (value.ToString() is ['a', 't', 't', 'a', 'c', 'h', ':', '/', '/', .. var part] && files.TryGetValue(part, out var bytes))
                {
                    files[key] = bytes;
                    files.Remove(part);
                }
            }
            return (body, files);
        }
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        var json = string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text)?.AsObject() ?? new JsonObject();
        foreach (var (key, value) in request.Query) json.TryAdd(key, value.ToString());
        return (json, files);
    }
}
