namespace Mindguard.Infrastructure.Security;

public static class SecurityServices
{
    public static IServiceCollection AddSecurity(this IServiceCollection services)
    {
        services.AddOptions<EncryptionOptions>().BindConfiguration("").ValidateOnStart();
        services.AddSingleton<IValidateOptions<EncryptionOptions>, EncryptionOptionsValidator>();
        services.AddOptions<Argon2Options>().BindConfiguration("").ValidateOnStart();
        services.AddSingleton<IValidateOptions<Argon2Options>, Argon2OptionsValidator>();
        services.AddSingleton<MasterKeyRing>();
        services.AddSingleton<DataKeys>();
        services.AddSingleton<SecretHasher>();
        return services;
    }
}
