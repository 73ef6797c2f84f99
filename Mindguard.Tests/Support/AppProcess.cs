using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Mindguard.Tests.Support;

/// <summary>
/// The built app run the way an operator runs it, <c>dotnet Mindguard.dll</c> in a process of its own,
/// with only the environment given here (nothing from the test runner's), so what a test reads is
/// exactly what the operator's terminal would show.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private AppProcess(Process process) => _process = process;

    public int Port { get; private init; }
    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    /// <summary>Settings any start needs: its own database, the test Redis under a prefix of its own, a key, a free port.</summary>
    public static async Task<Dictionary<string, string?>> SettingsAsync() => new()
    {
        ["DATABASE_URL"] = await TestEnvironment.FreshDatabaseUrlAsync(),
        ["REDIS_URL"] = TestEnvironment.RedisUrl,
        ["REDIS_KEY_PREFIX"] = $"mgtest:{Guid.NewGuid():N}:",
        ["MINDGUARD_ENCRYPTION_KEYS"] = TestEnvironment.EncryptionKeys,
        ["PORT"] = FreePort().ToString(),
    };

    /// <param name="args">Command-line arguments after <c>Mindguard.dll</c>, e.g. <c>keys rotate</c>.</param>
    public static AppProcess Start(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Mindguard.dll"), .. args])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment.Clear();
        foreach (var name in new[] { "PATH", "HOME", "DOTNET_ROOT", "TMPDIR" })
            if (Environment.GetEnvironmentVariable(name) is { } value) start.Environment[name] = value;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in settings)
            if (value is not null) start.Environment[key] = value;

        var process = new Process { StartInfo = start };
        var app = new AppProcess(process) { Port = int.TryParse(settings.GetValueOrDefault("PORT"), out var port) ? port : 0 };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (app._stdout) app._stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (app._stderr) app._stderr.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits for the process to end by itself and returns its exit code.</summary>
    public async Task<int> ExitCodeAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Waits until the app answers its readiness check, i.e. it has started completely.</summary>
    public async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}"), Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.HoldsAsync(async () =>
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with {_process.ExitCode}: {Stderr}{Stdout}");
            try { return (await http.GetAsync("/health/ready")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, ready => ready, "the app to answer /health/ready", TimeSpan.FromSeconds(90));
    }

    /// <summary>
    /// Stops the app as a platform does for a deploy or a restart (SIGTERM, then a wait) and returns its exit
    /// code. Disposing kills it instead, as a crash or an out-of-memory kill would.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan? timeout = null)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        return await ExitCodeAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
