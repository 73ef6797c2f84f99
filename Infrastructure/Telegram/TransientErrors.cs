using System.Net.Sockets;
using StackExchange.Redis;
using Telegram.Bot.Exceptions;

namespace Mindguard.Infrastructure.Telegram;

/// <summary>
/// Failures that will likely pass if the same work is tried again later: storage or Telegram
/// briefly unreachable. Everything else is a bug or a shape we did not expect.
/// </summary>
public static class TransientErrors
{
    public static bool IsTransient(Exception ex) => ex switch
    {
        NpgsqlException { IsTransient: true } => true,
        NpgsqlException { InnerException: { } inner } => IsTransient(inner),
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException redis when redis.Message.StartsWith("LOADING", StringComparison.Ordinal) => true,
        ApiRequestException { ErrorCode: 429 or >= 500 } => true,
        RequestException { InnerException: { } inner } when inner is HttpRequestException or TaskCanceledException or TimeoutException => true,
        HttpRequestException or SocketException or TimeoutException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsTransient),
        _ => false,
    };
}
