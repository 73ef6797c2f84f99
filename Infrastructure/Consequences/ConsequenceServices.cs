namespace Mindguard.Infrastructure.Consequences;

public static class ConsequenceServices
{
    public static IServiceCollection AddConsequences(this IServiceCollection services) =>
        services.AddHostedService<ConsequenceWorker>();

    /// <summary>A slice carries out one kind of consequence that any slice may record.</summary>
    public static IServiceCollection AddConsequenceHandler<THandler>(this IServiceCollection services) where THandler : class, IConsequenceHandler =>
        services.AddSingleton<IConsequenceHandler, THandler>();
}
