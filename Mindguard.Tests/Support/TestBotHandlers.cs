using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Telegram;
using Mindguard.Infrastructure.Telegram.Outbox;

namespace Mindguard.Tests.Support;

/// <summary>
/// <c>/remember</c> stores its effect in PostgreSQL (an outbox message), like every real handler:
/// the tests use it to show an update is acknowledged only after its effect is stored.
/// </summary>
public sealed class RememberTestHandler(NpgsqlDataSource db) : IBotHandler
{
    public BotRoute Route { get; } = new() { Commands = ["/remember"] };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        await Outbox.EnqueueAsync(session, request.ChatId, null, new OutboxPayload($"remembered: {request.Arguments}"), ct);
        await session.CommitAsync(ct);
    }
}

/// <summary><c>/explode</c> fails like a bug would: not transient, so the update must be dead-lettered.</summary>
public sealed class ExplodingTestHandler : IBotHandler
{
    public BotRoute Route { get; } = new() { Commands = ["/explode"] };

    public Task HandleAsync(BotRequest request, CancellationToken ct) =>
        throw new InvalidOperationException("a bug in a handler");
}
