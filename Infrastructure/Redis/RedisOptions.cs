namespace Mindguard.Infrastructure.Redis;

public sealed class RedisOptions
{
    /// <summary><c>redis://[:password@]host:port[/db]</c> or a StackExchange.Redis configuration string.</summary>
    [ConfigurationKeyName("REDIS_URL")]
    public string Url { get; set; } = "localhost:6379";

    /// <summary>
    /// Prepended to every key, so several deployments (or test runs) can share one Redis safely.
    /// </summary>
    [ConfigurationKeyName("REDIS_KEY_PREFIX")]
    public string KeyPrefix { get; set; } = "mg:";
}

public sealed class RedisOptionsValidator : IValidateOptions<RedisOptions>
{
    public ValidateOptionsResult Validate(string? name, RedisOptions options)
    {
        try
        {
            Database.ConnectionUrls.ToRedis(options.Url);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or UriFormatException)
        {
            return ValidateOptionsResult.Fail($"REDIS_URL is not a valid Redis URL or configuration string ({ex.Message}); expected redis://[:password@]host:6379[/db]");
        }
        return string.IsNullOrEmpty(options.KeyPrefix)
            ? ValidateOptionsResult.Fail("REDIS_KEY_PREFIX must not be empty")
            : ValidateOptionsResult.Success;
    }
}
