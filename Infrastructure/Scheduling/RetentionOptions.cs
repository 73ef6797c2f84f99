namespace Mindguard.Infrastructure.Scheduling;

/// <summary>How long <see cref="CleanUpJob"/> keeps finished rows whose age an operator may want to choose.</summary>
public sealed class RetentionOptions
{
    /// <summary>
    /// Days a delivered or failed integrator webhook delivery is kept. Integrators read recent deliveries
    /// (<c>GET /api/webhooks/{id}/deliveries</c>) to see what reached them; past this they are gone.
    /// </summary>
    [ConfigurationKeyName("WEBHOOK_DELIVERY_RETENTION_DAYS")]
    public int WebhookDeliveryDays { get; set; } = 30;
}
