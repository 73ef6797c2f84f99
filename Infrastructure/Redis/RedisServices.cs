using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Mindguard.Infrastructure.Redis;

public static class RedisServices
{
    public static IServiceCollection AddRedis(this IServiceCollection services)
    {
        services.AddOptions<RedisOptions>().BindConfiguration("").ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedisOptions>, RedisOptionsValidator>();

        services.AddSingleton<IConnectionMultiplexer>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RedisOptions>>().Value;
            var config = ConfigurationOptions.Parse(Database.ConnectionUrls.ToRedis(options.Url));
            // Start even when Redis is down and keep reconnecting in the background: requests that
            // need it answer 503 meanwhile, and the process recovers by itself when it returns.
            config.AbortOnConnectFail = false;
            config.ConnectRetry = 3;
            config.ConnectTimeout = 2000;
            config.SyncTimeout = 2000;
            config.AsyncTimeout = 2000;
            config.ReconnectRetryPolicy = new ExponentialRetry(250, 5000);
            return ConnectionMultiplexer.Connect(config);
        });
        services.AddSingleton(sp =>
        {
            var prefix = sp.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix;
            return sp.GetRequiredService<IConnectionMultiplexer>().GetDatabase().WithKeyPrefix(prefix);
        });
        return services;
    }
}
