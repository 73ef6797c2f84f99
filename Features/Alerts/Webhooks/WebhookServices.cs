using Mindguard.Infrastructure.Security.KeyRotation;

namespace Mindguard.Features.Alerts.Webhooks;

public static class WebhookServices
{
    public static IServiceCollection AddIntegratorWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration("");
        services.AddSingleton<WebhookAddresses>();
        services.AddSealedColumn(SealedColumn.Text("webhook secrets", "webhooks", "id", "secret", "id", id => WebhookSigner.SecretContext(Guid.Parse(id))));
        services.AddHttpClient(WebhookDeliveryWorker.HttpClientName, http => http.Timeout = WebhookOptions.SendTimeout)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // A 3xx is the receiver's answer, not a new destination: following it would let a receiver
                // send us anywhere after the address check.
                AllowAutoRedirect = false,
                // Through a proxy the connect callback would check the proxy, not the receiver.
                UseProxy = false,
                UseCookies = false,
                ConnectCallback = sp.GetRequiredService<WebhookAddresses>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            });
        services.AddHostedService<WebhookDeliveryWorker>();
        services.AddSingleton<IntegratorEventQueue>();
        return services;
    }
}
