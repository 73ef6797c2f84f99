using Mindguard.Infrastructure.Security;
using StackExchange.Redis;

namespace Mindguard.Infrastructure.Http;

public sealed class ApiRateLimitOptions
{
    /// <summary>Requests per minute one API key may make, counted across all replicas.</summary>
    [ConfigurationKeyName("API_RATE_LIMIT_PER_MINUTE")]
    public int PerMinute { get; set; } = 120;
}

/// <summary>
/// A fixed one-minute window per API key in Redis, so the limit holds however many replicas serve the
/// key. Over the limit: 429 with Retry-After. If Redis is away the request goes through: a rate limit
/// is not worth an outage.
/// </summary>
public sealed class ApiRateLimiting(RequestDelegate next, IDatabase redis, IOptions<ApiRateLimitOptions> options, TimeProvider time, ILogger<ApiRateLimiting> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var key = context.User.FindFirst(ApiKeyAuthentication.KeyClaim)?.Value;
        if (key is null || !context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        var now = time.GetUtcNow();
        var window = now.ToUnixTimeSeconds() / 60;
        long count;
        try
        {
            var counter = $"ratelimit:{key}:{window}";
            count = await redis.StringIncrementAsync(counter);
            if (count == 1) await redis.KeyExpireAsync(counter, TimeSpan.FromSeconds(70));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning(ex, "Rate limit not checked: Redis unavailable");
            await next(context);
            return;
        }

        if (count <= options.Value.PerMinute)
        {
            await next(context);
            return;
        }
        var retryAfter = 60 - (int)(now.ToUnixTimeSeconds() % 60);
        context.Response.Headers.RetryAfter = retryAfter.ToString();
        await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests",
            detail: $"This API key may make {options.Value.PerMinute} requests a minute. Try again in {retryAfter} s.",
            extensions: new Dictionary<string, object?> { ["traceId"] = System.Diagnostics.Activity.Current?.Id ?? context.TraceIdentifier })
            .ExecuteAsync(context);
    }
}
