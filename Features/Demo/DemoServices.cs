namespace Mindguard.Features.Demo;

public static class DemoServices
{
    public static IServiceCollection AddDemo(this IServiceCollection services)
    {
        services.AddOptions<DemoOptions>().BindConfiguration("");
        services.AddHostedService<DemoSeeder>();
        return services;
    }
}
