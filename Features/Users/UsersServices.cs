using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Users;

public static class UsersServices
{
    public static IServiceCollection AddUsers(this IServiceCollection services)
    {
        services.AddBotHandler<HelpBotHandler>();
        services.AddOptions<BootstrapOptions>().BindConfiguration("").ValidateOnStart();
        services.AddSingleton<IValidateOptions<BootstrapOptions>, BootstrapOptionsValidator>();
        services.AddHostedService<BootstrapAdmin>();
        return services;
    }
}
