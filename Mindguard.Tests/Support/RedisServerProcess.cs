using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Mindguard.Tests.Support;

/// <summary>
/// A Redis server of the test's own (the same redis-server binary the test script installed), so a test
/// can restart it for real: with its data saved to disk and loaded again, or losing everything, as a
/// Redis without persistence does.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mindguard-redis-").FullName;
    private Process? _process;

    public int Port { get; } = FreePort();
    public string Url => $"redis://127.0.0.1:{Port}";

    public static async Task<RedisServerProcess> StartAsync()
    {
        var redis = new RedisServerProcess();
        await redis.LaunchAsync();
        return redis;
    }

    /// <summary>Shuts the server down (saving its data first if <paramref name="keepData"/>) and starts it again on the same port.</summary>
    public async Task RestartAsync(bool keepData)
    {
        await using (var admin = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},allowAdmin=true"))
        {
            try
            {
                admin.GetServer("127.0.0.1", Port).Shutdown(keepData ? ShutdownMode.Always : ShutdownMode.Never);
            }
            catch (RedisConnectionException)
            {
                // The server closes the connection as it goes down; that is the shutdown's answer.
            }
        }
        await _process!.WaitForExitAsync();
        if (!keepData) File.Delete(Path.Combine(_directory, "dump.rdb"));
        await LaunchAsync();
    }

    private async Task LaunchAsync()
    {
        _process = Process.Start(new ProcessStartInfo(RedisServerBinary(),
            ["--port", Port.ToString(), "--bind", "127.0.0.1", "--dir", _directory, "--dbfilename", "dump.rdb", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
        })!;
        _process.BeginOutputReadLine();
        await Eventually.HoldsAsync(async () =>
        {
            try
            {
                await using var probe = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{Port},connectTimeout=500");
                return await probe.GetDatabase().PingAsync() >= TimeSpan.Zero;
            }
            catch (RedisConnectionException)
            {
                return false;
            }
        }, up => up, "the test's Redis server to accept connections");
    }

    private static string RedisServerBinary() =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists) ?? "redis-server";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
