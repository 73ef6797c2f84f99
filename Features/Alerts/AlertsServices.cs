using Mindguard.Infrastructure.Scheduling;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Alerts;

public static class AlertsServices
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddSingleton<CrisisPath>();
        services.AddSingleton<AlertEvaluator>();
        services.AddSingleton<EarlySignals>();
        services.AddSingleton<AlertLifecycle>();
        services.AddBotHandler<AlertBotHandler>();
        services.AddBotHandler<CrisisBotHandler>();
        services.AddRecurringJob<EvaluateAlertsJob>("EvaluateAlerts", "0 12 * * *");
        services.AddRecurringJob<CrisisFollowUpJob>("CrisisFollowUp", "0 * * * *");
        services.AddRecurringJob<Summaries.SendWeeklySummariesJob>("SendWeeklySummaries", "0 * * * *");
        return services;
    }
}
