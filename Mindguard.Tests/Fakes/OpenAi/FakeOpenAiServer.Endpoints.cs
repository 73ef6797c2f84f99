using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Mindguard.Tests.Fakes.OpenAi;

public sealed partial class FakeOpenAiServer
{
    /// <summary>Recorded when the client hung up before the answer (nginx's "client closed request").</summary>
    public const int ClientClosedRequest = 499;

    private long _completions;

    private async Task TranscribeAsync(HttpContext context)
    {
        var fields = new Dictionary<string, string>();
        byte[]? audio = null;
        string? fileName = null;
        var status = 0;
        try
        {
            if (!context.Request.HasFormContentType)
            {
                status = await ErrorAsync(context, 400, "Expected multipart/form-data", "invalid_request_error");
                return;
            }
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            foreach (var (key, value) in form) fields[key] = value.ToString();
            if (form.Files.GetFile("file") is { } file)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, context.RequestAborted);
                audio = buffer.ToArray();
                fileName = file.FileName;
            }

            if (await ApplyFaultAsync(context, AiEndpoint.Transcriptions) is { Refused: { } refused })
            {
                status = refused;
                return;
            }
            if (audio is null || !fields.ContainsKey("model"))
            {
                status = await ErrorAsync(context, 400, "'file' and 'model' are required", "invalid_request_error");
                return;
            }

            var text = Transcript;
            status = 200;
            switch (fields.GetValueOrDefault("response_format", "json"))
            {
                case "text":
                    context.Response.ContentType = "text/plain";
                    await context.Response.WriteAsync(text);
                    break;
                case "verbose_json":
                    await WriteJsonAsync(context, 200, new JsonObject
                    {
                        ["task"] = "transcribe", ["language"] = "ukrainian", ["duration"] = 3.5, ["text"] = text, ["segments"] = new JsonArray(),
                    });
                    break;
                default:
                    await WriteJsonAsync(context, 200, new JsonObject { ["text"] = text });
                    break;
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            status = ClientClosedRequest;
        }
        finally
        {
            Record(new RecordedAiRequest(AiEndpoint.Transcriptions, Authorization(context), fields, audio, fileName, null, DateTimeOffset.UtcNow, status));
        }
    }

    private async Task CompleteAsync(HttpContext context)
    {
        JsonObject? body = null;
        var status = 0;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
            var (refusedWith, malformedContent, declined) = await ApplyFaultAsync(context, AiEndpoint.ChatCompletions);
            if (refusedWith is { } refused)
            {
                status = refused;
                return;
            }
            if (body?["model"] is null || body["messages"] is not JsonArray)
            {
                status = await ErrorAsync(context, 400, "'model' and 'messages' are required", "invalid_request_error");
                return;
            }

            var content = declined is null ? malformedContent ?? Analysis.ToJsonString() : null;
            status = 200;
            await WriteJsonAsync(context, 200, new JsonObject
            {
                ["id"] = $"chatcmpl-fake{Interlocked.Increment(ref _completions)}",
                ["object"] = "chat.completion",
                ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                ["model"] = body["model"]!.GetValue<string>(),
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content, ["refusal"] = declined },
                    ["logprobs"] = null,
                    ["finish_reason"] = "stop",
                }),
                ["usage"] = new JsonObject { ["prompt_tokens"] = 120, ["completion_tokens"] = 60, ["total_tokens"] = 180 },
            });
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            status = ClientClosedRequest;
        }
        finally
        {
            Record(new RecordedAiRequest(AiEndpoint.ChatCompletions, Authorization(context), new Dictionary<string, string>(), null, null, body, DateTimeOffset.UtcNow, status));
        }
    }

    /// <summary>
    /// Answers a wrong key or an injected error itself (<c>Refused</c> is the status it sent); a slow fault
    /// waits first; a malformed-content fault hands back the content to answer with.
    /// </summary>
    private async Task<(int? Refused, string? MalformedContent, string? Declined)> ApplyFaultAsync(HttpContext context, AiEndpoint endpoint)
    {
        if (Authorization(context) != "Bearer " + ApiKey)
            return (await ErrorAsync(context, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key"), null, null);
        switch (TakeFault(endpoint))
        {
            case ServerErrorFault error:
                return (await ErrorAsync(context, error.Status, "The server had an error while processing your request.", "server_error"), null, null);
            case SlowFault slow:
                await Task.Delay(slow.Delay, context.RequestAborted);
                return (null, null, null);
            case MalformedContentFault malformed:
                return (null, malformed.Content, null);
            case RefusalFault refusal:
                return (null, null, refusal.Text);
            default:
                return (null, null, null);
        }
    }

    private static string? Authorization(HttpContext context) =>
        context.Request.Headers.Authorization.Count > 0 ? context.Request.Headers.Authorization.ToString() : null;

    private static async Task<int> ErrorAsync(HttpContext context, int status, string message, string type, string? code = null)
    {
        await WriteJsonAsync(context, status, new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["param"] = null, ["code"] = code },
        });
        return status;
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
