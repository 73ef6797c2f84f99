using Dapper;
using Mindguard.Infrastructure.Database;
using Npgsql;

namespace Mindguard.Bench;

/// <summary>A throwaway database on the given server, dropped afterwards.</summary>
public sealed record BenchDatabase(string Name, string Url, string ServerUrl)
{
    /// <summary>The owner acting as the system: row-level security is forced, so the owner sees only what a policy lets it.</summary>
    public string OwnerConnectionString =>
        new NpgsqlConnectionStringBuilder(ConnectionUrls.ToNpgsql(Url)) { Options = "-c app.role=system" }.ConnectionString;

    public static async Task<BenchDatabase> CreateAsync(string serverUrl)
    {
        var name = $"mindguard_bench_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionUrls.ToNpgsql(serverUrl));
        await connection.OpenAsync();
        await connection.ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return new BenchDatabase(name, new UriBuilder(serverUrl) { Path = "/" + name }.Uri.ToString(), serverUrl);
    }

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionUrls.ToNpgsql(ServerUrl));
        await connection.OpenAsync();
        await connection.ExecuteAsync($"GRANT {DatabaseOptions.DefaultAppRole} TO CURRENT_USER");
        await connection.ExecuteAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }
}
