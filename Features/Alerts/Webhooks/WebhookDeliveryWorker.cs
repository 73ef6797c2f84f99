using System.Text;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Alerts.Webhooks;

/// <summary>
/// Delivers queued integrator events on every replica: claims rows with SKIP LOCKED, posts the signed
/// JSON, and retries failures with exponential backoff (up to 6 attempts) before recording them failed.
/// </summary>
public sealed class WebhookDeliveryWorker(NpgsqlDataSource db, IHttpClientFactory http, MasterKeyRing keys, TimeProvider time, ILogger<WebhookDeliveryWorker> logger)
    : BackgroundService
{
    public const string HttpClientName = "webhooks";
    public const int MaxAttempts = 6;
    private static readonly string ClaimSql = Sql.Load<WebhookDeliveryWorker>("ClaimDeliveries");
    private static readonly string FinishSql = Sql.Load<WebhookDeliveryWorker>("FinishDelivery");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                List<Claimed> claimed;
                await using (var session = await db.OpenSessionAsync(Actor.System, stoppingToken))
                {
                    claimed = (await session.Connection.QueryAsync<Claimed>(session.Command(ClaimSql, null, stoppingToken))).ToList();
                    await session.CommitAsync(stoppingToken);
                }
                if (claimed.Count == 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), time, stoppingToken);
                    continue;
                }
                foreach (var delivery in claimed) await DeliverAsync(delivery, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Webhook delivery cycle failed; retrying shortly");
                await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    private async Task DeliverAsync(Claimed delivery, CancellationToken ct)
    {
        int? status = null;
        string? error = null;
        try
        {
            var secret = keys.DecryptText(delivery.Secret, WebhookSigner.SecretContext(delivery.WebhookId));
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Mindguard-Event", delivery.Event);
            request.Headers.Add("X-Mindguard-Delivery", delivery.Id.ToString());
            request.Headers.Add("X-Mindguard-Timestamp", timestamp.ToString());
            request.Headers.Add("X-Mindguard-Signature", WebhookSigner.Sign(secret, timestamp, delivery.Payload));
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
            status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                await FinishAsync(delivery.Id, "delivered", status, null, 0, ct);
                return;
            }
            error = $"HTTP {status}";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            error = ex.GetType().Name;
        }
        var final = delivery.Attempts >= MaxAttempts;
        await FinishAsync(delivery.Id, final ? "failed" : "pending", status, error, Math.Min(3600, Math.Pow(2, delivery.Attempts)), ct);
    }

    private async Task FinishAsync(long id, string status, int? httpStatus, string? error, double retryInSeconds, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        await session.Connection.ExecuteAsync(session.Command(FinishSql, new { id, status, httpStatus, error, retryInSeconds }, ct));
        await session.CommitAsync(ct);
    }

    private sealed record Claimed(long Id, Guid WebhookId, string Event, string Payload, int Attempts, string Url, byte[] Secret);
}
