using Mindguard.Features.Alerts.Webhooks;
using Mindguard.Infrastructure.Consequences;
using Mindguard.Infrastructure.Scheduling;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Alerts;

public static class AlertsServices
{
    public static IServiceCollection AddAlerts(this IServiceCollection services)
    {
        services.AddOptions<AlertOptions>().BindConfiguration("")
            .Validate(o => o.Mode is "notify" or "consent", "ALERT_MODE must be notify or consent")
            .Validate(o => o.Admins is "fallback" or "always", "ALERT_ADMINS must be fallback or always").ValidateOnStart();
        services.AddSingleton<OrganisationSafety>();
        services.AddSingleton<CareContacts>();
        services.AddIntegratorWebhooks();
        services.AddSingleton<CrisisPath>();
        services.AddSingleton<Mindguard.Features.Users.DataRights.IPersonalDataSection, Export.AlertsSection>();
        services.AddSingleton<Mindguard.Features.Users.DataRights.IPersonalDataEraser, Forget.AlertsEraser>();
        services.AddSingleton<AlertEvaluator>();
        services.AddConsequenceHandler<Consequences.CrisisConsequence>();
        services.AddConsequenceHandler<Consequences.EvaluateAlertsConsequence>();
        services.AddConsequenceHandler<Consequences.EarlySignalConsequence>();
        services.AddSingleton<AlertLifecycle>();
        services.AddBotHandler<AlertBotHandler>();
        services.AddBotHandler<CrisisBotHandler>();
        services.AddRecurringJob<EvaluateAlertsJob>("EvaluateAlerts", "0 12 * * *");
        services.AddRecurringJob<CrisisFollowUpJob>("CrisisFollowUp", "*/15 * * * *");
        services.AddRecurringJob<Escalation.EscalateAlertsJob>("EscalateAlerts", "*/5 * * * *");
        services.AddRecurringJob<Summaries.SendWeeklySummariesJob>("SendWeeklySummaries", "0 * * * *");
        return services;
    }
}
