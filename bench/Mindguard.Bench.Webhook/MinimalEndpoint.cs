using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using StackExchange.Redis;
using IServer = Microsoft.AspNetCore.Hosting.Server.IServer;

namespace Mindguard.Bench.Webhook;

/// <summary>
/// The baseline: one bare <c>MapPost</c> on a slim host, no FastEndpoints, router, DI-built handlers or
/// RLS session wrapper. It keeps what a correct webhook cannot drop (the secret check, the update_id claim
/// and "done" mark in Redis, 200 only after the answer is stored) and hands the answer to <see cref="MinimalCheckin"/>.
/// </summary>
public sealed class MinimalEndpoint : IAsyncDisposable
{
    private static readonly byte[] Secret = SHA256.HashData(Encoding.UTF8.GetBytes(AppProcess.WebhookSecret));
    private static readonly TimeSpan ClaimTtl = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan DoneTtl = TimeSpan.FromHours(48);

    private static int _failureShown;

    private readonly WebApplication _app;

    private MinimalEndpoint(WebApplication app) => _app = app;

    public Uri WebhookUrl { get; private set; } = null!;

    public static async Task<MinimalEndpoint> StartAsync(IDatabase redis, MinimalCheckin checkin)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/telegram/webhook", (RequestDelegate)(http => HandleAsync(http, redis, checkin)));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new MinimalEndpoint(app) { WebhookUrl = new Uri(new Uri(address), "/telegram/webhook") };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task HandleAsync(HttpContext http, IDatabase redis, MinimalCheckin checkin) =>
        http.Response.StatusCode = await AnswerAsync(http, redis, checkin);

    private static async Task<int> AnswerAsync(HttpContext http, IDatabase redis, MinimalCheckin checkin)
    {
        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(http.Request.Headers["X-Telegram-Bot-Api-Secret-Token"].ToString()));
        if (!CryptographicOperations.FixedTimeEquals(Secret, presented)) return 401;

        using var update = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        var root = update.RootElement;
        if (!root.TryGetProperty("callback_query", out var tap)) return 400;
        var key = $"tg:update:{root.GetProperty("update_id").GetInt64()}";
        if (!await redis.StringSetAsync(key, "processing", ClaimTtl, When.NotExists))
            return await redis.StringGetAsync(key) == "done" ? 200 : 503;
        try
        {
            var message = tap.GetProperty("message");
            await checkin.AnswerAsync(new Tap(
                tap.GetProperty("id").GetString()!, tap.GetProperty("from").GetProperty("id").GetInt64(),
                message.GetProperty("chat").GetProperty("id").GetInt64(), message.GetProperty("message_id").GetInt32(),
                tap.GetProperty("data").GetString()!), http.RequestAborted);
        }
        catch (Exception ex)
        {
            // Shown once, so a broken baseline is seen rather than read as a slow one.
            if (Interlocked.Exchange(ref _failureShown, 1) == 0) Console.Error.WriteLine($"minimal endpoint: {ex}");
            await redis.KeyDeleteAsync(key);
            return 503;
        }
        await redis.StringSetAsync(key, "done", DoneTtl);
        return 200;
    }
}

/// <summary>A tap on a check-in button, as the update carries it.</summary>
public sealed record Tap(string CallbackId, long From, long ChatId, int MessageId, string Data);
