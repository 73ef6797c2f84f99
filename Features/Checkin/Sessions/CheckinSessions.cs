using System.Globalization;
using System.Security.Cryptography;
using StackExchange.Redis;

namespace Mindguard.Features.Checkin.Sessions;

/// <summary>
/// Check-in sessions in Redis with an expiry that each answer renews, so any replica, or the same one
/// after a restart, continues the conversation. Moving to the next question is a compare-and-set, so a
/// double tap or two replicas handling taps at once advance it exactly once. Going back one question to
/// change its answer is a compare-and-set the other way, so it too happens once however often it is tapped.
/// </summary>
public sealed class CheckinSessions(IDatabase redis, IOptions<CheckinOptions> options)
{
    private const string AdvanceScript = """
        if redis.call('HGET', KEYS[1], 'pos') == ARGV[1] then
          redis.call('HSET', KEYS[1], 'pos', tonumber(ARGV[1]) + 1, 'rev', -1, 'prev', '')
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          redis.call('PEXPIRE', KEYS[2], ARGV[2])
          return 1
        end
        return 0
        """;

    // Not while an answer is being changed: a second step back would drop that change, and the question
    // would later be asked as new while its first answer stays stored.
    private const string BackScript = """
        local rev = tonumber(redis.call('HGET', KEYS[1], 'rev') or '-1')
        if redis.call('HGET', KEYS[1], 'pos') == ARGV[1] and rev < 0 then
          redis.call('HSET', KEYS[1], 'pos', tonumber(ARGV[1]) - 1, 'rev', tonumber(ARGV[1]) - 1, 'prev', ARGV[2])
          redis.call('PEXPIRE', KEYS[1], ARGV[3])
          redis.call('PEXPIRE', KEYS[2], ARGV[3])
          return 1
        end
        return 0
        """;

    private static string SessionKey(string id) => $"checkin:session:{id}";
    private static string ActiveKey(long telegramId) => $"checkin:active:{telegramId}";

    private TimeSpan Lifetime => options.Value.SessionLifetime;

    /// <summary>Short and random: it travels in every button's callback data (64 bytes at most).</summary>
    public static string NewId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(6)).Replace('+', '-').Replace('/', '_');

    public async Task<CheckinSession> StartAsync(Guid userId, long telegramId, DateOnly localDate, IReadOnlyList<string> questionIds, string language)
    {
        var session = new CheckinSession(NewId(), userId, telegramId, localDate, questionIds, 0, -1, language);
        var key = SessionKey(session.Id);
        await redis.HashSetAsync(key,
        [
            new("user", userId.ToString()), new("tg", telegramId), new("date", localDate.ToString("yyyy-MM-dd")),
            new("questions", string.Join(',', questionIds)), new("pos", 0), new("sent", -1), new("lang", language),
        ]);
        await redis.KeyExpireAsync(key, Lifetime);
        await redis.StringSetAsync(ActiveKey(telegramId), session.Id, Lifetime);
        return session;
    }

    public async Task<CheckinSession?> FindAsync(string id)
    {
        var fields = (await redis.HashGetAllAsync(SessionKey(id))).ToDictionary(e => e.Name.ToString(), e => e.Value.ToString());
        if (fields.Count == 0) return null;
        return new CheckinSession(id, Guid.Parse(fields["user"]), long.Parse(fields["tg"]),
            DateOnly.ParseExact(fields["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            fields["questions"].Split(','), int.Parse(fields["pos"]), int.Parse(fields["sent"]), fields["lang"],
            fields.TryGetValue("rev", out var rev) ? int.Parse(rev) : -1,
            fields.TryGetValue("prev", out var prev) && prev.Length > 0 ? int.Parse(prev) : null);
    }

    public async Task<CheckinSession?> ActiveForAsync(long telegramId)
    {
        var id = await redis.StringGetAsync(ActiveKey(telegramId));
        return id.IsNullOrEmpty ? null : await FindAsync(id!);
    }

    /// <summary>Moves past question <paramref name="position"/>; false when someone else already did.</summary>
    public async Task<bool> AdvanceAsync(CheckinSession session, int position) =>
        (long)await redis.ScriptEvaluateAsync(AdvanceScript,
            [SessionKey(session.Id), ActiveKey(session.TelegramId)],
            [position.ToString(CultureInfo.InvariantCulture), (long)Lifetime.TotalMilliseconds]) == 1;

    /// <summary>
    /// Steps back from question <paramref name="position"/> to the one before, to be asked again with
    /// <paramref name="previous"/> as the answer it replaces; false when the session is no longer there.
    /// </summary>
    public async Task<bool> BackAsync(CheckinSession session, int position, int? previous) =>
        (long)await redis.ScriptEvaluateAsync(BackScript,
            [SessionKey(session.Id), ActiveKey(session.TelegramId)],
            [position.ToString(CultureInfo.InvariantCulture), previous?.ToString(CultureInfo.InvariantCulture) ?? "", (long)Lifetime.TotalMilliseconds]) == 1;

    public Task MarkSentAsync(CheckinSession session, int position) => redis.HashSetAsync(SessionKey(session.Id), "sent", position);

    public async Task EndAsync(CheckinSession session)
    {
        await redis.KeyDeleteAsync(SessionKey(session.Id));
        // Only if it still points at this session: a newer one must survive.
        if (await redis.StringGetAsync(ActiveKey(session.TelegramId)) == session.Id) await redis.KeyDeleteAsync(ActiveKey(session.TelegramId));
    }
}
