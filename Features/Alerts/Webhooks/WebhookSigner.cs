using System.Security.Cryptography;
using System.Text;

namespace Mindguard.Features.Alerts.Webhooks;

/// <summary>
/// <c>X-Mindguard-Signature: sha256=&lt;hex HMAC-SHA256 of "timestamp.body"&gt;</c> with the webhook's secret;
/// the timestamp travels in <c>X-Mindguard-Timestamp</c> so receivers can refuse replays.
/// </summary>
public static class WebhookSigner
{
    public static string Sign(string secret, long timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public static string NewSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string SecretContext(Guid webhookId) => $"mindguard:webhook-secret:{webhookId}";
}
