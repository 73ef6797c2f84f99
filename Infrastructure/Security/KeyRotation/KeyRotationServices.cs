namespace Mindguard.Infrastructure.Security.KeyRotation;

public static class KeyRotationServices
{
    /// <summary>
    /// The rotator behind <c>keys rotate</c> and the start-up check. Register after the database, so the
    /// check runs on the migrated schema.
    /// </summary>
    public static IServiceCollection AddKeyRotation(this IServiceCollection services)
    {
        services.AddSingleton<KeyCensus>();
        services.AddSingleton<KeyRotator>();
        services.AddHostedService<StoredKeysCheck>();
        return services;
    }

    /// <summary>Declares a column sealed under a master key, so rotation and the start-up check cover it.</summary>
    public static IServiceCollection AddSealedColumn(this IServiceCollection services, SealedColumn column) =>
        services.AddSingleton(column);
}
