using Mindguard.Features.Status.Aggregates;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Status;

public static class StatusServices
{
    public static IServiceCollection AddStatus(this IServiceCollection services)
    {
        services.AddSingleton<PersonalStatus>();
        services.AddSingleton<OrganisationAggregates>();
        services.AddSingleton<EstimateRecorder>();
        services.AddBotHandler<StatusBotHandler>();
        services.AddBotHandler<TeamBotHandler>();
        return services;
    }
}
