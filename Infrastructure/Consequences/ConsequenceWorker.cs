using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Observability;

namespace Mindguard.Infrastructure.Consequences;

/// <summary>
/// Runs on every replica. Claims due consequences with <c>FOR UPDATE SKIP LOCKED</c> and a lease (so
/// each is carried out by one worker at a time), and runs each in a transaction of its own that also
/// marks it done. A failing step (a bug, a policy refusal, a server down) is retried with backoff and,
/// after <see cref="MaxAttempts"/>, parked with its reason for the operations figures; it never affects
/// the request that recorded it, nor the other consequences.
/// </summary>
/// <remarks>
/// Urgent kinds (<see cref="ConsequenceKinds.Urgent"/>) are claimed first and at once. Routine ones (alert
/// rules, early signals) wait while the webhook is busy (<see cref="Telegram.WebhookGate.IsBusy"/>), for at
/// most <see cref="RoutineDeferral"/>: they run on the same cores as the replies people are waiting for,
/// and at 300 last answers a second they were what made the replies' p99 six times the minimal endpoint's
/// (bench/README.md).
/// </remarks>
public sealed class ConsequenceWorker(
    NpgsqlDataSource db, IEnumerable<IConsequenceHandler> handlers, Telegram.WebhookGate webhook, MindguardMetrics metrics,
    ILogger<ConsequenceWorker> logger, TimeProvider time) : BackgroundService
{
    /// <summary>How long a routine consequence waits at most for a busy webhook, past its due time.</summary>
    public static readonly TimeSpan RoutineDeferral = TimeSpan.FromSeconds(30);

    public const int MaxAttempts = 8;
    private const int BatchSize = 20;

    // A handler may call a language model (up to its own time budget); the lease outlasts that.
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan HandlerBudget = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(200);

    private static readonly string ClaimSql = Sql.Load<ConsequenceWorker>("ClaimConsequences");
    private static readonly string FinishSql = Sql.Load<ConsequenceWorker>("FinishConsequence");
    private static readonly string RetrySql = Sql.Load<ConsequenceWorker>("RetryConsequence");

    private readonly Dictionary<string, IConsequenceHandler> _handlers = handlers.ToDictionary(h => h.Kind);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) == 0) await Task.Delay(IdleDelay, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Claimed rows come back after their lease, so a storage outage here loses nothing.
                logger.LogWarning(ex, "Consequence cycle failed; retrying shortly");
                await Task.Delay(TimeSpan.FromSeconds(2), time, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    /// <summary>Claims one batch and carries it out; returns how many were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        List<Consequence> claimed;
        await using (var session = await db.OpenSessionAsync(Actor.System, ct))
        {
            claimed = (await session.Connection.QueryAsync<Consequence>(session.Command(ClaimSql,
                new
                {
                    batchSize = BatchSize, leaseSeconds = Lease.TotalSeconds, urgentKinds = ConsequenceKinds.Urgent,
                    deferRoutine = webhook.IsBusy, deferSeconds = RoutineDeferral.TotalSeconds,
                }, ct))).ToList();
            await session.CommitAsync(ct);
        }
        // One person's consequences in order (a crisis before the alerts of the same day); people in parallel.
        await Parallel.ForEachAsync(claimed.GroupBy(c => c.UserId), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (person, token) =>
            {
                foreach (var consequence in person) await CarryOutAsync(consequence, token);
            });
        return claimed.Count;
    }

    private async Task CarryOutAsync(Consequence consequence, CancellationToken ct)
    {
        try
        {
            if (!_handlers.TryGetValue(consequence.Kind, out var handler))
                throw new InvalidOperationException($"No handler is registered for consequences of kind '{consequence.Kind}'");
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
            budget.CancelAfter(HandlerBudget);
            await using var session = await db.OpenSessionAsync(Actor.System, budget.Token);
            await handler.HandleAsync(session, consequence, budget.Token);
            var finished = await session.Connection.ExecuteAsync(session.Command(FinishSql, new { consequence.Id, consequence.Attempts }, budget.Token));
            // Another worker took it over after our lease ran out: its run counts, ours rolls back.
            if (finished == 0) return;
            await session.CommitAsync(budget.Token);
            metrics.ConsequenceDone(consequence.Kind);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var park = consequence.Attempts >= MaxAttempts;
            // The reason is the exception's type and message: handlers never put a person's words in one.
            var reason = $"{ex.GetType().Name}: {ex.Message}";
            if (park) logger.LogError(ex, "Consequence {Id} ({Kind}) parked after {Attempts} attempts", consequence.Id, consequence.Kind, consequence.Attempts);
            else logger.LogWarning(ex, "Consequence {Id} ({Kind}) failed; retrying", consequence.Id, consequence.Kind);
            await using var session = await db.OpenSessionAsync(Actor.System, ct);
            await session.Connection.ExecuteAsync(session.Command(RetrySql, new
            {
                consequence.Id, consequence.Attempts, park, error = reason[..Math.Min(reason.Length, 500)],
                delaySeconds = Math.Min(300, Math.Pow(2, consequence.Attempts)),
            }, ct));
            await session.CommitAsync(ct);
            if (park) metrics.ConsequenceParked(consequence.Kind);
        }
    }
}
