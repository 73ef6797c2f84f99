using System.Security.Cryptography;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Infrastructure.Security.KeyRotation;

public sealed record RotationBatching
{
    /// <summary>Values re-wrapped per transaction; small, so replicas never wait on the rotation for long.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>How long to wait for rows a running replica holds before leaving them for the next run.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>Progress within one kind, reported after each committed batch.</summary>
public sealed record KindProgress(string Kind, long Rewrapped, long ToRewrap);

/// <param name="Unreadable">Values under a configured older key that failed to open (altered, or sealed for another row).</param>
public sealed record KindReport(string Kind, long AlreadyCurrent, long ToRewrap, long Rewrapped, long Unreadable);

/// <param name="Left">Values still under a key other than the newest, by key id, counted after the run.</param>
public sealed record RotationReport(byte CurrentKeyId, IReadOnlyList<KindReport> Kinds, IReadOnlyList<SealedCount> Left)
{
    public long Rewrapped => Kinds.Sum(k => k.Rewrapped);
    public long LeftCount => Left.Sum(l => l.Count);
}

/// <summary>
/// Re-seals every declared <see cref="SealedColumn"/> value under the newest master key, so older keys can
/// be removed. Safe beside running replicas and after an interruption: each batch is its own transaction
/// holding row locks (rows a replica holds are skipped, then retried), each write is a compare-and-swap
/// on the value read, and a value already under the newest key is never selected, so a second run
/// continues where the first stopped.
/// </summary>
public sealed class KeyRotator(NpgsqlDataSource db, MasterKeyRing ring, KeyCensus census, TimeProvider time)
{
    private static readonly string ListSql = Sql.Load<KeyRotator>("ListSealedUnderOldKeys");
    private static readonly string CountSql = Sql.Load<KeyRotator>("CountSealedUnderOldKeys");
    private static readonly string ReplaceSql = Sql.Load<KeyRotator>("ReplaceSealedValue");
    private static readonly TimeSpan LockPoll = TimeSpan.FromMilliseconds(200);

    public async Task<RotationReport> RunAsync(RotationBatching options, Action<KindProgress>? onBatch, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        var current = ring.CurrentKeyId;
        var older = ring.KeyIds.Where(id => id != current).ToHashSet();
        // Matched on the whole header, version and key id, so only envelopes this ring can open are picked.
        var headers = older.Select(id => new[] { Envelope.Version, id }).ToArray();

        var before = await census.CountAsync(ct);
        var kinds = new List<KindReport>();
        foreach (var column in census.Columns)
        {
            var counts = before.Where(c => c.Column == column).ToList();
            var toRewrap = counts.Where(c => older.Contains(c.KeyId)).Sum(c => c.Count);
            var (rewrapped, unreadable) = headers.Length == 0 ? (0, 0) : await RotateAsync(column, headers, options, toRewrap, onBatch, ct);
            kinds.Add(new KindReport(column.Kind, counts.Where(c => c.KeyId == current).Sum(c => c.Count), toRewrap, rewrapped, unreadable));
        }

        var left = (await census.CountAsync(ct)).Where(c => c.KeyId != current && c.KeyId != DataKeys.DataKeyId).ToList();
        return new RotationReport(current, kinds, left);
    }

    private async Task<(long Rewrapped, long Unreadable)> RotateAsync(SealedColumn column, byte[][] headers, RotationBatching options,
        long toRewrap, Action<KindProgress>? onBatch, CancellationToken ct)
    {
        var list = column.Fill(ListSql);
        var replace = column.Fill(ReplaceSql);
        // Rows that cannot be re-wrapped in this run are left out of later batches, so every batch makes progress.
        var skip = new List<string>();
        long rewrapped = 0, unreadable = 0;
        DateTimeOffset? waitingSince = null;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            await using var session = await db.OpenSessionAsync(Actor.System, ct);
            var rows = (await session.Connection.QueryAsync<SealedRow>(session.Command(list, new { headers, skip = skip.ToArray(), batchSize = options.BatchSize }, ct))).ToList();
            if (rows.Count == 0)
            {
                var held = await session.Connection.ExecuteScalarAsync<long>(session.Command(column.Fill(CountSql), new { headers, skip = skip.ToArray() }, ct));
                await session.CommitAsync(ct);
                if (held == 0) break;
                // Locked by a replica's transaction, which lasts moments; past the wait they are left for the next run.
                waitingSince ??= time.GetUtcNow();
                if (time.GetUtcNow() - waitingSince > options.LockWait) break;
                await Task.Delay(LockPoll, time, ct);
                continue;
            }

            waitingSince = null;
            foreach (var row in rows)
            {
                var resealed = Reseal(row.Value, column.AssociatedData(row.Context));
                var replaced = resealed is not null
                    && await session.Connection.ExecuteAsync(session.Command(replace, new { id = row.Id, old = row.Value, resealed }, ct)) == 1;
                if (replaced) rewrapped++;
                else skip.Add(Convert.ToString(row.Id, System.Globalization.CultureInfo.InvariantCulture)!);
                if (resealed is null) unreadable++;
            }
            await session.CommitAsync(ct);
            onBatch?.Invoke(new KindProgress(column.Kind, rewrapped, toRewrap));
        }
        return (rewrapped, unreadable);
    }

    private byte[]? Reseal(byte[] sealedValue, byte[] associatedData)
    {
        byte[] plaintext;
        try
        {
            plaintext = ring.Decrypt(sealedValue, associatedData);
        }
        catch (CryptographicException)
        {
            return null;
        }
        try
        {
            return ring.Encrypt(plaintext, associatedData);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    // Init properties: the id is a uuid or a bigint depending on the table, and goes back into the update as it came.
    private sealed record SealedRow
    {
        public object Id { get; init; } = null!;
        public string Context { get; init; } = "";
        public byte[] Value { get; init; } = [];
    }
}
