using StackExchange.Redis;
using Telegram.Bot.Types;

namespace Mindguard.Infrastructure.Telegram;

public enum UpdateOutcome
{
    /// <summary>The handler ran and its effect is stored.</summary>
    Handled,
    /// <summary>Seen and finished before; Telegram redelivered it.</summary>
    Duplicate,
    /// <summary>Another replica is working on it right now; Telegram should try again later.</summary>
    InProgress,
    /// <summary>It failed for a non-transient reason and was kept in the dead-letter table.</summary>
    DeadLettered,
    /// <summary>Storage or Telegram is unreachable; nothing is marked, Telegram will redeliver.</summary>
    Unavailable,
}

/// <summary>
/// The one path every update takes, from the webhook or from long polling: de-duplicate by
/// <c>update_id</c>, route, and decide what Telegram should be told.
/// </summary>
public sealed class UpdateProcessor(UpdateRouter router, IDatabase redis, DeadLetters deadLetters, ILogger<UpdateProcessor> logger)
{
    private static readonly TimeSpan ClaimTtl = TimeSpan.FromMinutes(2);
    // Telegram gives up redelivering after about a day; remember finished ids a little longer.
    private static readonly TimeSpan DoneTtl = TimeSpan.FromHours(48);

    public async Task<UpdateOutcome> ProcessAsync(Update update, string rawUpdate, CancellationToken ct)
    {
        var key = $"tg:update:{update.Id}";
        try
        {
            if (!await redis.StringSetAsync(key, "processing", ClaimTtl, When.NotExists))
            {
                var state = await redis.StringGetAsync(key);
                return state == "done" ? UpdateOutcome.Duplicate : UpdateOutcome.InProgress;
            }
        }
        catch (Exception ex) when (TransientErrors.IsTransient(ex))
        {
            logger.LogWarning(ex, "Redis unavailable while claiming update {UpdateId}", update.Id);
            return UpdateOutcome.Unavailable;
        }

        try
        {
            await router.RouteAsync(update, ct);
            await MarkDoneAsync(key);
            return UpdateOutcome.Handled;
        }
        catch (Exception ex) when (TransientErrors.IsTransient(ex) || ct.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Update {UpdateId} failed transiently; Telegram will redeliver it", update.Id);
            await ReleaseAsync(key);
            return UpdateOutcome.Unavailable;
        }
        catch (Exception ex)
        {
            return await DeadLetterAsync(update, rawUpdate, key, ex, ct);
        }
    }

    private async Task<UpdateOutcome> DeadLetterAsync(Update update, string rawUpdate, string key, Exception error, CancellationToken ct)
    {
        logger.LogError(error, "Update {UpdateId} failed and goes to the dead-letter table", update.Id);
        try
        {
            await deadLetters.AddAsync(update.Id, rawUpdate, error, ct);
            await MarkDoneAsync(key);
            return UpdateOutcome.DeadLettered;
        }
        catch (Exception ex) when (TransientErrors.IsTransient(ex))
        {
            logger.LogWarning(ex, "Could not store dead letter for update {UpdateId}", update.Id);
            await ReleaseAsync(key);
            return UpdateOutcome.Unavailable;
        }
    }

    private Task MarkDoneAsync(string key) => redis.StringSetAsync(key, "done", DoneTtl);

    private async Task ReleaseAsync(string key)
    {
        try
        {
            await redis.KeyDeleteAsync(key);
        }
        catch (Exception ex) when (TransientErrors.IsTransient(ex))
        {
            // The claim expires by itself after ClaimTtl; Telegram's redelivery waits for that.
            logger.LogDebug(ex, "Could not release claim {Key}", key);
        }
    }
}
