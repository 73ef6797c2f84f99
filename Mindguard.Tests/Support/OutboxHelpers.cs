using Microsoft.Extensions.DependencyInjection;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Telegram.Outbox;

namespace Mindguard.Tests.Support;

public static class OutboxHelpers
{
    /// <summary>Queues messages through the app's own outbox code, as a feature would.</summary>
    public static Task EnqueueAsync(this MindguardApp app, params (long ChatId, string Text)[] messages) =>
        app.EnqueueAsync(messages.Select(m => (m.ChatId, (Guid?)null, m.Text)));

    /// <summary>Messages to people: the rows carry their user id, as a feature's would.</summary>
    public static Task EnqueueAsync(this MindguardApp app, params (TestUser Person, string Text)[] messages) =>
        app.EnqueueAsync(messages.Select(m => (m.Person.TelegramId, (Guid?)m.Person.Id, m.Text)));

    private static async Task EnqueueAsync(this MindguardApp app, IEnumerable<(long ChatId, Guid? UserId, string Text)> messages)
    {
        var db = app.Services.GetRequiredService<NpgsqlDataSource>();
        await using var session = await db.OpenSessionAsync(Actor.System, CancellationToken.None);
        foreach (var (chatId, userId, text) in messages)
        {
            await Outbox.EnqueueAsync(session, chatId, userId, new OutboxPayload(text), CancellationToken.None);
        }
        await session.CommitAsync(CancellationToken.None);
    }

    public static async Task<(string Status, int Attempts, string? LastError)> OutboxRowAsync(this MindguardApp app, long chatId)
    {
        await using var owner = await app.OwnerConnectionAsync();
        return await owner.QuerySingleAsync<(string, int, string?)>(
            "SELECT status, attempts, last_error FROM outbox WHERE chat_id = @chatId", new { chatId });
    }
}
