using Dapper;
using Mindguard.Infrastructure.Database;
using Npgsql;

namespace Mindguard.Bench.Broadcast;

/// <summary>A database of the benchmark's own on the given server, dropped at the end.</summary>
public sealed class ThrowawayDatabase(string name, string url, string serverUrl) : IAsyncDisposable
{
    public string Url { get; } = url;

    public string OwnerConnectionString => ConnectionUrls.ToNpgsql(Url);

    public static async Task<ThrowawayDatabase> CreateAsync(string serverUrl)
    {
        var name = $"mindguard_bench_broadcast_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionUrls.ToNpgsql(serverUrl));
        await connection.OpenAsync();
        await connection.ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return new ThrowawayDatabase(name, new UriBuilder(serverUrl) { Path = "/" + name }.Uri.ToString(), serverUrl);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionUrls.ToNpgsql(serverUrl));
        await connection.OpenAsync();
        // The app created its runtime role's grants in this database; the owner needs the role to drop it.
        await connection.ExecuteAsync($"GRANT {DatabaseOptions.DefaultAppRole} TO CURRENT_USER");
        await connection.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }
}
