using Mindguard.Features.Status.Periods;
using Mindguard.Infrastructure.Scheduling;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Status;

public static class StatusServices
{
    public static IServiceCollection AddStatus(this IServiceCollection services)
    {
        services.AddSingleton<PersonalStatus>();
        services.AddSingleton<PublishedAggregates>();
        services.AddSingleton<PeriodCloser>();
        services.AddSingleton<EstimateRecorder>();
        services.AddSingleton<Mindguard.Features.Users.DataRights.IPersonalDataSection, Export.StatusSection>();
        services.AddBotHandler<StatusBotHandler>();
        services.AddBotHandler<TeamBotHandler>();
        services.AddRecurringJob<ClosePeriodsJob>("ClosePeriods", "5 * * * *");
        return services;
    }
}
