using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users;

public sealed class BootstrapOptions
{
    /// <summary>
    /// If set and no admin API key exists yet, this key becomes one (stored hashed), so a fresh
    /// deployment can be administered before anyone has joined through the bot.
    /// </summary>
    [ConfigurationKeyName("MINDGUARD_BOOTSTRAP_API_KEY")]
    public string? ApiKey { get; set; }
}

public sealed class BootstrapOptionsValidator : IValidateOptions<BootstrapOptions>
{
    public ValidateOptionsResult Validate(string? name, BootstrapOptions options) =>
        string.IsNullOrEmpty(options.ApiKey) || ApiKeys.HasValidShape(options.ApiKey)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("MINDGUARD_BOOTSTRAP_API_KEY must look like mg_live_ followed by 43 base64url characters (32 random bytes); generate one with: echo mg_live_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')");
}
