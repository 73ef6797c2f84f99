using Mindguard.Infrastructure.Database;

namespace Mindguard.Tests.Support;

/// <summary>
/// The PostgreSQL and Redis the test script started. Each test run gets a fresh database of its own;
/// tests share it and stay apart by using unique ids.
/// </summary>
public static class TestEnvironment
{
    public static string ServerUrl { get; } =
        Environment.GetEnvironmentVariable("MINDGUARD_TEST_DATABASE_URL") ?? "postgres://mindguard:mindguard@127.0.0.1:55432/mindguard";

    public static string RedisUrl { get; } =
        Environment.GetEnvironmentVariable("MINDGUARD_TEST_REDIS_URL") ?? "redis://127.0.0.1:56379";

    /// <summary>Fixed test key: the suite must not depend on secrets from the environment.</summary>
    public const string EncryptionKeys = "1:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    /// <summary>
    /// A database of its own. Each app gets one, because every replica's outbox worker claims any due
    /// row in its database: apps of different tests must not share one unless the test is about replicas.
    /// </summary>
    public static async Task<string> FreshDatabaseUrlAsync()
    {
        var name = $"mindguard_test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionUrls.ToNpgsql(ServerUrl));
        await connection.OpenAsync();
        await connection.ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return new UriBuilder(ServerUrl) { Path = "/" + name }.Uri.ToString();
    }

    public static async Task DropDatabaseAsync(string databaseUrl)
    {
        var name = new Uri(databaseUrl).AbsolutePath.Trim('/');
        await using var connection = new NpgsqlConnection(ConnectionUrls.ToNpgsql(ServerUrl));
        await connection.OpenAsync();
        // FORCE ends the app role's leftover sessions, which only a member of that role may do.
        await connection.ExecuteAsync($"GRANT {DatabaseOptions.DefaultAppRole} TO CURRENT_USER");
        // A session caught while still starting up has no role yet, so FORCE may not end it (42501); it has
        // its role, or is gone, a moment later, and the drop then goes through.
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await connection.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                return true;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                return false;
            }
        }, dropped => dropped, $"dropping {name}");
    }

    /// <summary>
    /// The owner role acting as the system: row-level security is forced, so even the owner sees only
    /// what a policy lets it, and the system context lets it see every row. Not pooled: outage tests cut
    /// PostgreSQL under the app, and a pooled connection from before the cut would fail the next check.
    /// </summary>
    public static string OwnerConnectionString(string databaseUrl) =>
        new NpgsqlConnectionStringBuilder(ConnectionUrls.ToNpgsql(databaseUrl)) { Options = "-c app.role=system", Pooling = false }.ConnectionString;

    /// <summary>A connection as the runtime role the app uses, for hand-written SQL in RLS tests.</summary>
    public static string RuntimeConnectionString(string databaseUrl) =>
        new DatabaseOptions { Url = databaseUrl }.AppConnectionString;
}
