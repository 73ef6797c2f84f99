using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Alerts.Webhooks;

/// <summary>
/// Delivers queued integrator events on every replica: posts the signed JSON, and retries failures with
/// exponential backoff (up to 6 attempts) before recording them failed. Deliveries are claimed per
/// organisation (a few at a time, SKIP LOCKED) and each organisation's batch is sent on its own, so a
/// slow or dead receiver delays only the organisation that registered it; while a batch is out, its
/// organisation is not claimed again by this replica. The claim's lease outlasts the batch's sends.
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
        var inFlight = new Dictionary<Guid, Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var done in inFlight.Where(b => b.Value.IsCompleted).Select(b => b.Key).ToList()) inFlight.Remove(done);
                var claimed = inFlight.Count < WebhookOptions.OrganisationsInFlight ? await ClaimAsync(inFlight.Keys.ToArray(), stoppingToken) : [];
                foreach (var batch in claimed.GroupBy(c => c.OrganisationId))
                    inFlight[batch.Key] = DeliverBatchAsync(batch.ToList(), stoppingToken);
                if (claimed.Count == 0)
                {
                    // Poll again shortly, or as soon as a batch finishes and its organisation may have more.
                    await Task.WhenAny(inFlight.Values.Append(Task.Delay(TimeSpan.FromMilliseconds(500), time, stoppingToken)));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Webhook delivery cycle failed; retrying shortly");
                await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
        await Task.WhenAll(inFlight.Values);
    }

    private async Task<List<Claimed>> ClaimAsync(Guid[] busyOrganisations, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var claimed = (await session.Connection.QueryAsync<Claimed>(session.Command(ClaimSql, new
        {
            busyOrganisations,
            organisations = WebhookOptions.OrganisationsInFlight - busyOrganisations.Length,
            perOrganisation = WebhookOptions.BatchPerOrganisation,
            leaseSeconds = WebhookOptions.Lease.TotalSeconds,
        }, ct))).ToList();
        await session.CommitAsync(ct);
        return claimed;
    }

    /// <summary>Never throws: a batch that fails midway is picked up again when its lease ends.</summary>
    private async Task DeliverBatchAsync(List<Claimed> batch, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            foreach (var delivery in batch) await DeliverAsync(delivery, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Webhook batch of organisation {OrganisationId} stopped; its lease will return it", batch[0].OrganisationId);
        }
    }

    private async Task DeliverAsync(Claimed delivery, CancellationToken ct)
    {
        int? status = null;
        string error;
        try
        {
            var secret = keys.DecryptText(delivery.Secret, WebhookSigner.SecretContext(delivery.WebhookId));
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json") };
            if (request.RequestUri!.Scheme != Uri.UriSchemeHttps) throw new WebhookAddresses.RefusedAddressException();
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
            error = status is >= 300 and < 400 ? $"HTTP {status}: redirects are not followed" : $"HTTP {status}";
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && Reason(ex) is { } reason)
        {
            // The log an admin reads says what kind of failure it was, never which address or port
            // answered how: otherwise a webhook would be a scanner with a readable result.
            error = reason;
            logger.LogInformation("Webhook {WebhookId} delivery {DeliveryId} not delivered: {Reason} ({Error})",
                delivery.WebhookId, delivery.Id, reason, ex.GetType().Name);
        }
        var final = delivery.Attempts >= MaxAttempts;
        await FinishAsync(delivery.Id, final ? "failed" : "pending", status, error, Math.Min(3600, Math.Pow(2, delivery.Attempts)), ct);
    }

    private static string? Reason(Exception ex) => ex switch
    {
        TaskCanceledException => "timed out",
        WebhookAddresses.RefusedAddressException => "receiver unreachable",
        HttpRequestException => "receiver unreachable",
        SocketException or AuthenticationException => "receiver unreachable",
        _ => null,
    };

    private async Task FinishAsync(long id, string status, int? httpStatus, string? error, double retryInSeconds, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        await session.Connection.ExecuteAsync(session.Command(FinishSql, new { id, status, httpStatus, error, retryInSeconds }, ct));
        await session.CommitAsync(ct);
    }

    private sealed record Claimed(long Id, Guid WebhookId, Guid OrganisationId, string Event, string Payload, int Attempts, string Url, byte[] Secret);
}
