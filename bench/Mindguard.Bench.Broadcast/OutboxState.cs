using Dapper;
using Npgsql;

namespace Mindguard.Bench.Broadcast;

/// <summary>What PostgreSQL says about the broadcast: prompts dispatched and their outbox rows by status.</summary>
public sealed record OutboxState(long Dispatched, long Rows, long Sent, long Failed, long Unfinished)
{
    public bool Drained(int expected) => Dispatched >= expected && Rows >= expected && Unfinished == 0;

    public static async Task<OutboxState> ReadAsync(NpgsqlConnection owner) =>
        await owner.QuerySingleAsync<OutboxState>("""
            SELECT (SELECT count(*) FROM checkin_days) AS dispatched,
                   count(*) AS rows,
                   count(*) FILTER (WHERE status = 'sent') AS sent,
                   count(*) FILTER (WHERE status = 'failed') AS failed,
                   count(*) FILTER (WHERE status IN ('pending', 'sending')) AS unfinished
            FROM outbox
            """);

    public override string ToString() =>
        $"{Dispatched:N0} prompts dispatched; outbox: {Rows:N0} rows, {Sent:N0} sent, {Failed:N0} failed, {Unfinished:N0} unfinished";
}
