using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FastEndpoints;
using Mindguard.Infrastructure.Observability;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Mindguard.Infrastructure.Telegram;

/// <summary>
/// Where Telegram delivers updates in webhook mode. It answers 200 only once the update's effect is
/// stored (or the update is safely dead-lettered), and 503 when storage is down so Telegram redelivers.
/// </summary>
public sealed class TelegramWebhookEndpoint(UpdateProcessor processor, WebhookGate gate, WebhookLatency latency, IOptions<TelegramOptions> options)
    : EndpointWithoutRequest
{
    public const string Route = "/telegram/webhook";
    private const int MaxBodyBytes = 1024 * 1024;

    public override void Configure()
    {
        Post(Route);
        AllowAnonymous();
        Description(d => d.ExcludeFromDescription());
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (options.Value.EffectiveMode != TelegramMode.Webhook)
        {
            await Send.NotFoundAsync(ct);
            return;
        }
        if (!SecretMatches(HttpContext.Request.Headers["X-Telegram-Bot-Api-Secret-Token"].ToString()))
        {
            await Send.ResultAsync(Results.Problem(statusCode: 401, title: "Unauthorized", detail: "The webhook secret is missing or wrong."));
            return;
        }

        // Only requests that carry the secret are timed: strangers' probes are not Telegram's experience of us.
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var lease = gate.TryEnter();
            if (!lease.IsAcquired)
            {
                await UnavailableAsync("This replica is handling as many updates as it may; Telegram will deliver this one again.");
                return;
            }
            await AnswerAsync(ct);
        }
        finally
        {
            latency.Record(Stopwatch.GetElapsedTime(started), HttpContext.Response.StatusCode);
        }
    }

    private async Task AnswerAsync(CancellationToken ct)
    {
        var raw = await ReadBodyAsync(ct);
        var update = raw is null ? null : TryParse(raw);
        if (update is null)
        {
            await Send.ResultAsync(Results.Problem(statusCode: 400, title: "Bad Request", detail: "The body is not a Telegram update."));
            return;
        }

        var outcome = await processor.ProcessAsync(update, raw!, ct);
        switch (outcome)
        {
            case UpdateOutcome.Unavailable:
                await UnavailableAsync("Storage is unavailable; Telegram will deliver this update again.");
                return;
            case UpdateOutcome.InProgress:
                await UnavailableAsync("This update is being handled by another request; Telegram will deliver it again.");
                return;
        }
        await Send.OkAsync(ct);
    }

    private Task UnavailableAsync(string detail)
    {
        HttpContext.Response.Headers.RetryAfter = "1";
        return Send.ResultAsync(Results.Problem(statusCode: 503, title: "Service Unavailable", detail: detail));
    }

    private bool SecretMatches(string presented)
    {
        var expected = Encoding.UTF8.GetBytes(options.Value.WebhookSecret ?? "");
        var actual = Encoding.UTF8.GetBytes(presented);
        // FixedTimeEquals only runs in constant time for equal lengths; hashing first hides the length too.
        return expected.Length > 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(expected), SHA256.HashData(actual));
    }

    private async Task<string?> ReadBodyAsync(CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await HttpContext.Request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static Update? TryParse(string raw)
    {
        try
        {
            var update = JsonSerializer.Deserialize<Update>(raw, JsonBotAPI.Options);
            return update is { Id: > 0 } ? update : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
