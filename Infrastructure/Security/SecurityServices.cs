using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mindguard.Infrastructure.Security;

public static class SecurityServices
{
    /// <summary>
    /// Registers encryption and hashing. Options bind from the root configuration because their
    /// keys are plain environment variable names (<c>MINDGUARD_ENCRYPTION_KEYS</c>, <c>ARGON2_*</c>),
    /// and are validated on start so a bad key fails the deploy instead of the first request.
    /// </summary>
    public static IServiceCollection AddSecurity(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EncryptionOptions>, EncryptionOptionsValidator>());
        services.AddOptions<EncryptionOptions>().BindConfiguration("").ValidateOnStart();

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Argon2Options>, Argon2OptionsValidator>());
        services.AddOptions<Argon2Options>().BindConfiguration("").ValidateOnStart();

        services.TryAddSingleton<MasterKeyRing>();
        services.TryAddSingleton<DataKeys>();
        services.TryAddSingleton<SecretHasher>();
        services.TryAddSingleton<AuthCacheSeal>();
        services.AddSharedDataProtection();
        return services;
    }
}
