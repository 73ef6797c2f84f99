using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Bootstrap;

public sealed class BootstrapOptions
{
    /// <summary>
    /// If set and no admin API key exists yet, this key becomes one (stored hashed), so a fresh
    /// deployment can be administered before anyone has joined through the bot.
    /// </summary>
    [ConfigurationKeyName("MINDGUARD_BOOTSTRAP_API_KEY")]
    public string? ApiKey { get; set; }

    /// <summary>Comma-separated Telegram ids that become admins of the default organisation on /start.</summary>
    [ConfigurationKeyName("MINDGUARD_ADMIN_TELEGRAM_IDS")]
    public string? AdminTelegramIds { get; set; }

    public IReadOnlySet<long> AdminIds =>
        (AdminTelegramIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(long.Parse).ToHashSet();
}

public sealed class BootstrapOptionsValidator : IValidateOptions<BootstrapOptions>
{
    public ValidateOptionsResult Validate(string? name, BootstrapOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrEmpty(options.ApiKey) && !ApiKeys.HasValidShape(options.ApiKey))
            failures.Add("MINDGUARD_BOOTSTRAP_API_KEY must look like mg_live_ followed by 43 base64url characters (32 random bytes); generate one with: echo mg_live_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')");
        var ids = (options.AdminTelegramIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Any(id => !long.TryParse(id, out var value) || value <= 0))
            failures.Add("MINDGUARD_ADMIN_TELEGRAM_IDS must be comma-separated numeric Telegram ids, e.g. 123456789,987654321");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
