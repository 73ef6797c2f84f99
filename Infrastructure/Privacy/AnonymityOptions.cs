namespace Mindguard.Infrastructure.Privacy;

/// <summary>
/// The smallest group whose numbers (aggregates) or voices (the wall) are shown, so no individual can
/// be picked out. Configurable, but never below <see cref="Floor"/>.
/// </summary>
public sealed class AnonymityOptions
{
    public const int Floor = 3;

    [ConfigurationKeyName("ANONYMITY_K")]
    public int K { get; set; } = 5;
}

public static class AnonymityServices
{
    public static IServiceCollection AddAnonymity(this IServiceCollection services)
    {
        services.AddOptions<AnonymityOptions>().BindConfiguration("")
            .Validate(o => o.K >= AnonymityOptions.Floor, $"ANONYMITY_K must be at least {AnonymityOptions.Floor}")
            .ValidateOnStart();
        return services;
    }
}
