using System.Text;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Infrastructure.Telegram;

/// <summary>
/// Keeps updates that failed for a non-transient reason, so one poison update never blocks the bot
/// and a developer can still see what broke. The raw update may hold a person's words, so it is encrypted.
/// </summary>
public sealed class DeadLetters(NpgsqlDataSource db, MasterKeyRing keys)
{
    private static readonly string InsertSql = Sql.Load<DeadLetters>("InsertDeadLetter");

    public static string AssociatedData(long updateId) => $"mindguard:dead-letter:{updateId}";

    public async Task AddAsync(long updateId, string rawUpdate, Exception error, CancellationToken ct)
    {
        var payload = keys.Encrypt(Encoding.UTF8.GetBytes(rawUpdate), Encoding.UTF8.GetBytes(AssociatedData(updateId)));
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        await session.Connection.ExecuteAsync(session.Command(InsertSql, new
        {
            updateId,
            payload,
            error = $"{error.GetType().FullName}: {error.Message}",
        }, ct));
        await session.CommitAsync(ct);
    }
}
