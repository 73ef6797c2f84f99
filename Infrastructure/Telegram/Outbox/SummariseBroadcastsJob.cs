using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Scheduling;

namespace Mindguard.Infrastructure.Telegram.Outbox;

/// <summary>
/// Every minute: each broadcast whose messages are all sent or failed gets one summary in the log —
/// sent, skipped (paused or inactive), failed with reasons, duration and messages per second.
/// </summary>
public sealed class SummariseBroadcastsJob(NpgsqlDataSource db, ILogger<SummariseBroadcastsJob> logger) : IRecurringJob
{
    private static readonly string ClaimSql = Sql.Load<SummariseBroadcastsJob>("ClaimFinishedBroadcasts");

    public async Task RunAsync(CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var finished = (await session.Connection.QueryAsync<Finished>(session.Command(ClaimSql, null, ct))).ToList();
        await session.CommitAsync(ct);

        foreach (var b in finished)
        {
            var duration = b.FinishedAt is { } end && end > b.StartedAt ? end - b.StartedAt : TimeSpan.Zero;
            var rate = duration > TimeSpan.Zero ? b.Sent / duration.TotalSeconds : b.Sent;
            logger.LogInformation(
                "Broadcast {Kind:l} finished: {Sent} sent, {Skipped} skipped (paused or inactive), {Failed} failed{Failures:l}, in {Duration:0.0} s, {Rate:0.0} messages/s",
                b.Kind, b.Sent, b.Skipped, b.Failed, b.Failures is null ? "" : $" ({b.Failures})", duration.TotalSeconds, rate);
        }
    }

    private sealed record Finished(Guid Id, string Kind, DateTime StartedAt, int Skipped, int Sent, int Failed, DateTime? FinishedAt, string? Failures);
}
