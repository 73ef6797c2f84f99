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
    private static readonly string ListSql = Sql.Load<DeadLetters>("ListDeadLetters");
    private static readonly string DeleteSql = Sql.Load<DeadLetters>("DeleteDeadLetters");

    public static string AssociatedData(long updateId) => $"mindguard:dead-letter:{updateId}";

    /// <summary>
    /// Deletes the dead letters that came from or went to <paramref name="telegramId"/> (/forget). They are
    /// sealed with the master key, not the person's, so they must be found by opening them; there are few.
    /// </summary>
    public async Task<int> ForgetAsync(long telegramId, CancellationToken ct)
    {
        var id = new System.Text.RegularExpressions.Regex($@"(?<![0-9]){telegramId}(?![0-9])");
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var letters = await session.Connection.QueryAsync<(long Id, long UpdateId, byte[] Payload)>(session.Command(ListSql, null, ct));
        var about = letters.Where(l =>
        {
            try
            {
                return id.IsMatch(Encoding.UTF8.GetString(keys.Decrypt(l.Payload, Encoding.UTF8.GetBytes(AssociatedData(l.UpdateId)))));
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                return false; // sealed by a master key no longer configured: unreadable by anyone already
            }
        }).Select(l => l.Id).ToArray();
        if (about.Length > 0) await session.Connection.ExecuteAsync(session.Command(DeleteSql, new { ids = about }, ct));
        await session.CommitAsync(ct);
        return about.Length;
    }

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
