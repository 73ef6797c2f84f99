using Npgsql;

namespace Mindguard.Bench.Webhook;

/// <summary>What PostgreSQL holds after a run: the proof that every 200 was an answer stored once.</summary>
public static class StoredAnswers
{
    public static async Task<long> OnAsync(NpgsqlDataSource db, DateOnly date)
    {
        await using var count = db.CreateCommand("SELECT count(*) FROM checkin_answers WHERE local_date = @date");
        count.Parameters.AddWithValue("date", date);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>Updates the app could not handle and kept aside; any at all means a failed answer.</summary>
    public static async Task<long> DeadLettersAsync(NpgsqlDataSource db)
    {
        await using var count = db.CreateCommand("SELECT count(*) FROM telegram_dead_letters");
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
