using Npgsql;

namespace Mindguard.Bench;

/// <summary>
/// Bulk loads for the benchmarks. Row-level security is forced on every table, owner included, and
/// PostgreSQL refuses <c>COPY FROM</c> into such a table; so rows are copied into a temporary table
/// of the same shape and moved with one <c>INSERT … SELECT</c>, which the policies check like any insert.
/// </summary>
public static class StagedCopy
{
    public static async Task<NpgsqlBinaryImporter> BeginAsync(NpgsqlConnection connection, string table, string columns)
    {
        await using (var create = new NpgsqlCommand($"CREATE TEMP TABLE staged_{table} (LIKE {table} INCLUDING DEFAULTS)", connection))
            await create.ExecuteNonQueryAsync();
        return await connection.BeginBinaryImportAsync($"COPY staged_{table} ({columns}) FROM STDIN (FORMAT BINARY)");
    }

    /// <summary>Moves what <see cref="BeginAsync"/>'s importer copied (after its <c>CompleteAsync</c>) into the real table.</summary>
    public static async Task MoveAsync(NpgsqlConnection connection, string table, string columns)
    {
        await using var move = new NpgsqlCommand(
            $"INSERT INTO {table} ({columns}) SELECT {columns} FROM staged_{table}; DROP TABLE staged_{table}", connection);
        await move.ExecuteNonQueryAsync();
    }
}
