using Dapper;
using Mindguard.Bench.Broadcast.FakeTelegram;
using Mindguard.Infrastructure.Consequences;
using Npgsql;

namespace Mindguard.Bench.Broadcast;

/// <summary>
/// People who need the crisis resources while the broadcast is under way (SPEC §11: accepted by
/// Telegram within 2 s, p99). Each is recorded the way an answer's transaction records it, a crisis
/// consequence, spaced out over the broadcast; the latency is from that insert to the fake Telegram
/// accepting the resources message to that person's chat, on the fake's clock.
/// </summary>
public sealed class CrisisProbe(string ownerConnectionString, FakeTelegramServer telegram, Phase phase)
{
    public const int Count = 20;
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(1.5);

    private readonly List<(long Chat, TimeSpan RecordedAt)> _recorded = [];
    private IReadOnlyList<(Guid Id, long Chat)> _people = [];

    /// <summary>People outside the broadcast: their check-in is twelve hours away.</summary>
    public async Task SeedAsync(long firstChatId)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        var organisation = Guid.CreateVersion7();
        var team = Guid.CreateVersion7();
        await connection.ExecuteAsync(
            "INSERT INTO organisations (id, name) VALUES (@organisation, 'Crisis probe'); " +
            "INSERT INTO teams (id, organisation_id, name) VALUES (@team, @organisation, 'Probe')",
            new { organisation, team });
        var people = Enumerable.Range(0, Count).Select(i => (Id: Guid.CreateVersion7(), Chat: firstChatId + i)).ToList();
        var checkinTime = TimeSpan.FromHours((DateTime.UtcNow.Hour + 12) % 24);
        await connection.ExecuteAsync("""
            INSERT INTO users (id, organisation_id, team_id, telegram_id, role, language, time_zone, checkin_time)
            VALUES (@Id, @organisation, @team, @Chat, 'employee', 'en', 'Etc/GMT', @checkinTime)
            """, people.Select(p => new { p.Id, p.Chat, organisation, team, checkinTime }));
        _people = people;
    }

    public IReadOnlyCollection<long> Chats => _people.Select(p => p.Chat).ToList();

    /// <summary>Starts once the broadcast has <paramref name="startAfter"/> messages accepted; records one crisis every 1.5 s.</summary>
    public async Task RunAsync(int startAfter, CancellationToken ct)
    {
        while (phase.Ledger.AcceptedCount < startAfter) await Task.Delay(20, ct);
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        foreach (var (id, chat) in _people)
        {
            var at = telegram.Now;
            await connection.ExecuteAsync(
                "INSERT INTO consequences (user_id, kind, dedupe_key, local_date) VALUES (@id, @kind, 'bench-probe', current_date)",
                new { id, kind = ConsequenceKinds.Crisis });
            lock (_recorded) _recorded.Add((chat, at));
            await Task.Delay(Spacing, ct);
        }
        // The last ones may still be on their way; a probe that never arrives counts as a miss.
        var deadline = telegram.Now + TimeSpan.FromSeconds(30);
        while (telegram.Now < deadline && Latencies().Any(l => l is null)) await Task.Delay(50, ct);
    }

    /// <summary>Per person, from the crisis recorded to the first message Telegram accepted for them; null if none arrived.</summary>
    public IReadOnlyList<TimeSpan?> Latencies()
    {
        var first = phase.Ledger.AcceptedMessages().GroupBy(a => a.ChatId).ToDictionary(g => g.Key, g => g.Min(a => a.At));
        lock (_recorded)
            return _recorded.Select(r => first.TryGetValue(r.Chat, out var at) ? at - r.RecordedAt : (TimeSpan?)null).ToList();
    }
}
