using System.Net;
using System.Net.Sockets;

namespace Mindguard.Features.Alerts.Webhooks;

/// <summary>
/// Where a webhook may connect. The check runs when a webhook is registered and again inside the
/// connection itself (<see cref="ConnectAsync"/>, the handler's ConnectCallback): the address checked is
/// the address connected to, so a name that resolves to a public address at registration and to
/// 127.0.0.1 later (DNS rebinding) is still refused.
/// </summary>
public class WebhookAddresses(IOptions<WebhookOptions> options)
{
    /// <summary>Never a receiver, whatever the deployment: "this network", multicast, reserved, unspecified.</summary>
    private static readonly IPNetwork[] NeverReachable =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("ff00::/8"),
    ];

    /// <summary>This host and the networks around it; reachable only with MINDGUARD_WEBHOOK_ALLOW_PRIVATE.</summary>
    private static readonly IPNetwork[] Internal =
    [
        IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"),
    ];

    /// <summary>NAT64 (RFC 6052): the IPv4 address it reaches is in the last 32 bits.</summary>
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (Nat64.Contains(address)) address = new IPAddress(address.GetAddressBytes()[12..]);
        if (NeverReachable.Any(n => n.Contains(address))) return false;
        return options.Value.AllowPrivate || !Internal.Any(n => n.Contains(address));
    }

    /// <summary>The host's addresses; a seam so tests can make a name resolve where they need it to.</summary>
    public virtual async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);

    /// <summary>True when the URL's host resolves, and only to addresses a webhook may reach.</summary>
    public async Task<bool> IsAllowedAsync(Uri url, CancellationToken ct)
    {
        try
        {
            var addresses = await ResolveAsync(url.DnsSafeHost, ct);
            return addresses.Length > 0 && addresses.All(IsAllowed);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// Connects to the checked addresses only. A name with any refused address is refused as a whole:
    /// it points into a network we do not send to.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var addresses = await ResolveAsync(context.DnsEndPoint.Host.Trim('[', ']'), ct);
        if (addresses.Length == 0 || !addresses.All(IsAllowed)) throw new RefusedAddressException();
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public sealed class RefusedAddressException() : Exception("The webhook's address is not one we send to");
}
