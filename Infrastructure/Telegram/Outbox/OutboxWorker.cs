using System.Text.Json;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Observability;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace Mindguard.Infrastructure.Telegram.Outbox;

/// <summary>
/// Runs on every replica. Claims due rows with <c>FOR UPDATE SKIP LOCKED</c> (so two workers never
/// take the same row), sends each within the shared rate budget, and records the outcome.
/// A crash after sending but before marking may send a message once more; it is never lost.
/// </summary>
public sealed class OutboxWorker(
    NpgsqlDataSource db, ITelegramBotClient bot, TelegramRateLimiter limiter, IOptions<TelegramOptions> options,
    MindguardMetrics metrics, ILogger<OutboxWorker> logger, TimeProvider time) : BackgroundService
{
    private const int BatchSize = 50;
    private const int Parallelism = 8;

    // How long a replica that died holding rows keeps them from the others.
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    // Within the lease, a row's send and its marking must be over before another replica may take it.
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MarkTime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(250);

    private static readonly string ClaimSql = Sql.Load<OutboxWorker>("ClaimOutbox");
    private static readonly string SentSql = Sql.Load<OutboxWorker>("MarkOutboxSent");
    private static readonly string RescheduleSql = Sql.Load<OutboxWorker>("RescheduleOutbox");
    private static readonly string FailSql = Sql.Load<OutboxWorker>("FailOutbox");
    private static readonly string DeactivateSql = Sql.Load<OutboxWorker>("DeactivateBlockedUser");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.EffectiveMode == TelegramMode.Off) return;
        // The safety lane has a loop of its own, so a crisis message never waits for a broadcast batch
        // to finish; both loops share the rate budget and its 429 pauses.
        await Task.WhenAll(RunAsync(OutboxLane.Safety, stoppingToken), RunAsync(OutboxLane.Bulk, stoppingToken));
    }

    /// <param name="upTo">The lowest-priority lane this loop claims; lower lanes come first.</param>
    private async Task RunAsync(OutboxLane upTo, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Claiming during a 429 pause would only let the rows' leases run out while they wait.
                if (await limiter.PausedAsync())
                {
                    await Task.Delay(IdleDelay, time, stoppingToken);
                    continue;
                }
                // Measured from before the claim, so it ends no later than the lease PostgreSQL records.
                var leaseEnds = time.GetUtcNow() + Lease;
                var rows = await ClaimAsync(upTo, stoppingToken);
                if (rows.Count == 0)
                {
                    await Task.Delay(IdleDelay, time, stoppingToken);
                    continue;
                }
                // One chat's messages go in order; different chats go in parallel up to the rate budget.
                await Parallel.ForEachAsync(rows.GroupBy(r => r.ChatId),
                    new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
                    async (chat, ct) =>
                    {
                        foreach (var row in chat) await DeliverAsync(row, leaseEnds, ct);
                    });
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Claimed rows come back after their lease, so a storage outage here loses nothing.
                logger.LogWarning(ex, "Outbox cycle failed; retrying shortly");
                await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    private async Task<List<OutboxRow>> ClaimAsync(OutboxLane upTo, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var rows = (await session.Connection.QueryAsync<OutboxRow>(session.Command(ClaimSql,
            new { batchSize = BatchSize, leaseSeconds = Lease.TotalSeconds, maxLane = (short)upTo }, ct))).ToList();
        await session.CommitAsync(ct);
        return rows;
    }

    private async Task DeliverAsync(OutboxRow row, DateTimeOffset leaseEnds, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<OutboxPayload>(row.Payload, JsonBotAPI.Options)!;
        var o = options.Value;
        try
        {
            // Never wait past the lease: another replica would take the row and send it too. The
            // lease counts from the claim, so rows late in a batch have less of it left.
            var maxWait = leaseEnds - SendTimeout - MarkTime - time.GetUtcNow();
            var slot = maxWait > TimeSpan.Zero ? await limiter.TryAcquireAsync(row.ChatId, maxWait, ct) : null;
            if (slot is null)
            {
                await ExecuteAsync(RescheduleSql, new { id = row.Id, delaySeconds = 1, error = "waited for the rate budget", refundAttempt = true }, ct);
                return;
            }
            await using (slot)
            using (var sending = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                sending.CancelAfter(SendTimeout);
                await bot.SendMessage(row.ChatId, payload.Text, replyMarkup: payload.Keyboard,
                    allowPaidBroadcast: payload.Broadcast && o.PaidBroadcast, cancellationToken: sending.Token);
            }
            metrics.MessageSent(TimeSpan.FromSeconds(await MarkSentAsync(row.Id, ct)));
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 429)
        {
            var retryAfter = TimeSpan.FromSeconds(Math.Max(1, ex.Parameters?.RetryAfter ?? 1));
            logger.LogWarning("Telegram asked to slow down for {RetryAfter}", retryAfter);
            await limiter.PauseAsync(retryAfter);
            metrics.MessageRetried("rate_limited");
            await ExecuteAsync(RescheduleSql, new { id = row.Id, delaySeconds = retryAfter.TotalSeconds, error = "429 Too Many Requests", refundAttempt = true }, ct);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 403)
        {
            // The person blocked the bot: stop writing to them until they /start again.
            logger.LogInformation("Chat {ChatId} blocked the bot; the person is marked inactive", row.ChatId);
            await ExecuteAsync(DeactivateSql, new { chatId = row.ChatId }, ct);
            await ExecuteAsync(FailSql, new { id = row.Id, error = "blocked by user (403)" }, ct);
            metrics.MessageFailed("blocked");
        }
        // Cancelled while not stopping is the send timeout: Telegram did not answer in time.
        catch (Exception ex) when ((TransientErrors.IsTransient(ex) || ex is OperationCanceledException) && !ct.IsCancellationRequested)
        {
            if (row.Attempts >= o.OutboxMaxAttempts)
            {
                logger.LogError("Outbox message {Id} failed after {Attempts} attempts: {Reason}", row.Id, row.Attempts, Reason(ex));
                await ExecuteAsync(FailSql, new { id = row.Id, error = Reason(ex) }, ct);
                metrics.MessageFailed("transient");
                return;
            }
            var backoff = Math.Min(300, Math.Pow(2, row.Attempts));
            await ExecuteAsync(RescheduleSql, new { id = row.Id, delaySeconds = backoff, error = Reason(ex), refundAttempt = false }, ct);
            metrics.MessageRetried("transient");
        }
        catch (ApiRequestException ex)
        {
            // 400 and friends: sending the same request again cannot succeed.
            logger.LogError("Outbox message {Id} was refused: {Reason}", row.Id, Reason(ex));
            await ExecuteAsync(FailSql, new { id = row.Id, error = Reason(ex) }, ct);
            metrics.MessageFailed("refused");
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Anything unexpected stays with this row: the rest of the batch goes on, and the row is
            // retried like a transient failure until its attempts run out.
            logger.LogError(ex, "Outbox message {Id} failed unexpectedly", row.Id);
            var final = row.Attempts >= o.OutboxMaxAttempts;
            await ExecuteAsync(final ? FailSql : RescheduleSql, final
                ? new { id = row.Id, error = Reason(ex) }
                : new { id = row.Id, delaySeconds = Math.Min(300, Math.Pow(2, row.Attempts)), error = Reason(ex), refundAttempt = false }, ct);
            if (final) metrics.MessageFailed("unexpected");
            else metrics.MessageRetried("unexpected");
        }
    }

    // Exception messages from HTTP clients may contain the request URL, which holds the bot token.
    private static string Reason(Exception ex) => ex switch
    {
        ApiRequestException api => $"{api.ErrorCode} {api.Message}",
        _ => ex.GetType().Name,
    };

    /// <returns>Seconds from the message being queued to Telegram accepting it.</returns>
    private async Task<double> MarkSentAsync(long id, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var lag = await session.Connection.ExecuteScalarAsync<double>(session.Command(SentSql, new { id }, ct));
        await session.CommitAsync(ct);
        return lag;
    }

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        await session.Connection.ExecuteAsync(session.Command(sql, parameters, ct));
        await session.CommitAsync(ct);
    }
}
