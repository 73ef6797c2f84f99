using Mindguard.Infrastructure.Database;

namespace Mindguard.Infrastructure.Security.KeyRotation;

/// <summary>How many values of one kind one key id seals.</summary>
public sealed record SealedCount(SealedColumn Column, byte KeyId, long Count);

/// <summary>
/// Counts every declared sealed value by the key id in its envelope header: one grouped scan per
/// column, cheap enough for every start (the tables are per person, per organisation, per webhook).
/// </summary>
public sealed class KeyCensus(NpgsqlDataSource db, IEnumerable<SealedColumn> columns)
{
    private static readonly string CountSql = Sql.Load<KeyCensus>("CountSealedByKey");

    public IReadOnlyList<SealedColumn> Columns { get; } = columns.ToList();

    public async Task<IReadOnlyList<SealedCount>> CountAsync(CancellationToken ct)
    {
        var counts = new List<SealedCount>();
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        foreach (var column in Columns)
        {
            var rows = await session.Connection.QueryAsync<(int KeyId, long Count)>(session.Command(column.Fill(CountSql), null, ct));
            counts.AddRange(rows.Select(r => new SealedCount(column, (byte)r.KeyId, r.Count)));
        }
        await session.CommitAsync(ct);
        return counts;
    }

    /// <summary>"key 1 seals data keys: 5, webhook secrets: 1": for messages, key ids and counts only.</summary>
    public static string Describe(IEnumerable<SealedCount> counts) =>
        string.Join("; ", counts.GroupBy(c => c.KeyId).OrderBy(g => g.Key).Select(g =>
            $"key {g.Key} seals " + string.Join(", ", g.Select(c => $"{c.Column.Kind}: {c.Count}"))));
}
