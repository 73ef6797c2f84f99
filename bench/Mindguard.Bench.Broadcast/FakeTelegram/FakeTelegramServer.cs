using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mindguard.Bench.Broadcast.FakeTelegram;

/// <summary>
/// Just enough of the Telegram Bot API for a broadcast, on 127.0.0.1: sendMessage under
/// <see cref="FloodControl"/>, and what a polling bot calls around it (getMe, deleteWebhook, an
/// always-empty long poll). What it accepted goes to the current phase's <see cref="Ledger"/>.
/// </summary>
public sealed class FakeTelegramServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private volatile Phase _phase;
    private int _messageId;

    private FakeTelegramServer(WebApplication app, Phase phase)
    {
        _app = app;
        _phase = phase;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public TimeSpan Now => _clock.Elapsed;

    public static async Task<FakeTelegramServer> StartAsync(Phase first)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeTelegramServer(app, first);
        app.Map("/bot{token}/{method}", server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return server;
    }

    /// <summary>From now on, sends are judged and recorded afresh.</summary>
    public void Begin(Phase phase) => _phase = phase;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, string method)
    {
        var body = await ReadBodyAsync(context.Request);
        var (status, response) = method.ToLowerInvariant() switch
        {
            "sendmessage" => Send(body),
            "getme" => Ok(BotUser()),
            "deletewebhook" or "setwebhook" or "setmycommands" => Ok(JsonValue.Create(true)),
            "getupdates" => Ok(await NoUpdatesAsync(body, context.RequestAborted)),
            _ => (404, Error(404, "Not Found: method not found")),
        };
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString());
    }

    private (int, JsonObject) Send(JsonObject body)
    {
        var chatId = long.Parse(body["chat_id"]!.ToString());
        var phase = _phase;
        var now = Now;
        var verdict = phase.Flood.Decide(chatId, now);
        phase.Ledger.Record(chatId, now, verdict);
        if (verdict.Refused is not null)
        {
            return (429, Error(429, $"Too Many Requests: retry after {verdict.RetryAfterSeconds}",
                new JsonObject { ["retry_after"] = verdict.RetryAfterSeconds }));
        }
        return Ok(new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref _messageId),
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private", ["first_name"] = "Person" },
            ["from"] = BotUser(),
            ["text"] = body["text"]?.DeepClone(),
        });
    }

    // Nobody writes to the bot during a broadcast: hold the long poll as Telegram would, then answer empty.
    private static async Task<JsonArray> NoUpdatesAsync(JsonObject body, CancellationToken ct)
    {
        var timeout = body["timeout"] is { } t && int.TryParse(t.ToString(), out var seconds) ? seconds : 0;
        await Task.Delay(TimeSpan.FromSeconds(timeout), ct).ContinueWith(_ => { }, CancellationToken.None);
        return [];
    }

    private static async Task<JsonObject> ReadBodyAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            return new JsonObject(form.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)JsonValue.Create(f.Value.ToString()))));
        }
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        var json = string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text)!.AsObject();
        foreach (var (key, value) in request.Query) json.TryAdd(key, value.ToString());
        return json;
    }

    private static JsonObject BotUser() => new()
    {
        ["id"] = 123456, ["is_bot"] = true, ["first_name"] = "Mindguard", ["username"] = "mindguard_bench_bot",
    };

    private static (int, JsonObject) Ok(JsonNode? result) => (200, new JsonObject { ["ok"] = true, ["result"] = result });

    private static JsonObject Error(int code, string description, JsonObject? parameters = null)
    {
        var error = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (parameters is not null) error["parameters"] = parameters;
        return error;
    }
}
