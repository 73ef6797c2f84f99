namespace Mindguard.Features.Alerts.Webhooks;

public sealed class WebhookOptions
{
    /// <summary>
    /// Lets webhooks reach loopback, private, link-local and CGNAT addresses: for a receiver on the
    /// organisation's own network in an on-premise deployment. Off by default, because a webhook URL is
    /// chosen by any organisation's admin and would otherwise probe this host's network (metadata service included).
    /// </summary>
    [ConfigurationKeyName("MINDGUARD_WEBHOOK_ALLOW_PRIVATE")]
    public bool AllowPrivate { get; set; }

    /// <summary>One delivery's whole budget (connect, TLS, request, response).</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Deliveries one organisation hands a worker at a time: its slow receiver costs at most this many timeouts, and only to itself.</summary>
    public const int BatchPerOrganisation = 5;

    /// <summary>Organisations whose deliveries one replica sends at the same time.</summary>
    public const int OrganisationsInFlight = 8;

    /// <summary>
    /// How long a claimed batch is ours: every send of the batch timing out, plus time to record the
    /// results. Shorter, and another replica could claim a batch still being sent and deliver it twice.
    /// </summary>
    public static readonly TimeSpan Lease = SendTimeout * BatchPerOrganisation + TimeSpan.FromSeconds(30);
}
