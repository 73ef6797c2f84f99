using System.Net;
using System.Text;

namespace Mindguard.Bench.Webhook;

/// <summary>Posts updates the way Telegram does: JSON with the secret header. One client serves the whole run.</summary>
public sealed class Webhook(Uri url) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        // Open-loop load needs as many connections as requests in flight; Telegram opens up to 100.
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    public Uri Url { get; } = url;

    public async Task<HttpStatusCode> PostAsync(string update, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(update, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", AppProcess.WebhookSecret);
        using var response = await _http.SendAsync(request, ct);
        return response.StatusCode;
    }

    public void Dispose() => _http.Dispose();
}
