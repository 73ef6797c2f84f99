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

    public static Task EnqueueAsync(DbSession session, long chatId, Guid? userId, OutboxPayload payload, CancellationToken ct) =>
        session.Connection.ExecuteAsync(session.Command(EnqueueSql, new
        {
            chatId,
            userId,
            payload = JsonSerializer.Serialize(payload, JsonBotAPI.Options),
        }, ct));
}
