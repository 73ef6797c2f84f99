namespace Mindguard.Features.Alerts;

public static class AlertsServices
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddSingleton<CrisisPath>();
        return services;
    }
}
