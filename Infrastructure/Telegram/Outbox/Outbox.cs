using System.Text.Json;
using Mindguard.Infrastructure.Database;
using Telegram.Bot;

namespace Mindguard.Infrastructure.Telegram.Outbox;

/// <summary>
/// Queues a proactive message in the caller's transaction, so "decide to send" and "queue it" commit
/// together: a crash in between can neither lose the message nor queue it without its cause.
/// </summary>
public static class Outbox
{
    private static readonly string EnqueueSql = Sql.Load(typeof(Outbox), "EnqueueOutbox");
    private static readonly string BroadcastSql = Sql.Load(typeof(Outbox), "InsertBroadcast");

    /// <param name="broadcastId">The broadcast this message belongs to (see <see cref="StartBroadcastAsync"/>), if any.</param>
    /// <param name="lane">How urgent it is: safety messages are claimed before anything else.</param>
    public static Task EnqueueAsync(DbSession session, long chatId, Guid? userId, OutboxPayload payload, CancellationToken ct,
        Guid? broadcastId = null, OutboxLane lane = OutboxLane.Bulk) =>
        session.Connection.ExecuteAsync(session.Command(EnqueueSql, new
        {
            chatId,
            userId,
            payload = JsonSerializer.Serialize(payload, JsonBotAPI.Options),
            broadcastId,
            lane = (short)lane,
        }, ct));

    /// <summary>
    /// Opens a broadcast for the messages a job run is about to queue; <see cref="SummariseBroadcastsJob"/> logs
    /// its summary once they are all sent or failed.
    /// </summary>
    /// <param name="skipped">People the run left out because they are paused or inactive.</param>
    public static async Task<Guid> StartBroadcastAsync(DbSession session, string kind, int skipped, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await session.Connection.ExecuteAsync(session.Command(BroadcastSql, new { id, kind, skipped }, ct));
        return id;
    }
}
