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

    private static readonly Lazy<Task<string>> RunDatabase = new(() => CreateDatabaseAsync("run"));

    /// <summary>The database shared by this test run (created on first use, migrated by the first app that starts).</summary>
    public static Task<string> SharedDatabaseUrlAsync() => RunDatabase.Value;

    /// <summary>A database of its own, for tests about first start-up (migrations, bootstrap).</summary>
    public static Task<string> FreshDatabaseUrlAsync() => CreateDatabaseAsync("own");

    private static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var name = $"mindguard_test_{DateTime.UtcNow:yyyyMMddHHmmss}_{purpose}_{Guid.NewGuid():N}"[..60];
        await using var connection = new NpgsqlConnection(ConnectionUrls.ToNpgsql(ServerUrl));
        await connection.OpenAsync();
        await connection.ExecuteAsync($"CREATE DATABASE \"{name}\"");
        var builder = new UriBuilder(ServerUrl) { Path = "/" + name };
        return builder.Uri.ToString();
    }

    public static string OwnerConnectionString(string databaseUrl) => ConnectionUrls.ToNpgsql(databaseUrl);

    /// <summary>A connection as the runtime role the app uses, for hand-written SQL in RLS tests.</summary>
    public static string RuntimeConnectionString(string databaseUrl) =>
        new DatabaseOptions { Url = databaseUrl }.AppConnectionString;
}
