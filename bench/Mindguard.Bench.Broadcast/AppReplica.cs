using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Mindguard.Bench.Broadcast;

/// <summary>One published Mindguard process, as production runs it: <c>dotnet Mindguard.dll</c> with environment settings.</summary>
public sealed class AppReplica : IAsyncDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly int _port;

    private AppReplica(string name, Process process, int port, string logPath)
    {
        Name = name;
        _process = process;
        _port = port;
        LogPath = logPath;
    }

    public string Name { get; }
    public string LogPath { get; }
    public bool Exited => _process.HasExited;

    public static AppReplica Start(string name, string dll, int port, IReadOnlyDictionary<string, string> settings, string logDirectory)
    {
        var logPath = Path.Combine(logDirectory, $"{name}.log");
        // exec keeps the shell's pid, so a kill reaches the app itself; the shell only redirects the output.
        var start = new ProcessStartInfo("/bin/sh", ["-c", $"exec dotnet '{dll}' >'{logPath}' 2>&1"]) { UseShellExecute = false };
        foreach (var (key, value) in settings) start.Environment[key] = value;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["PORT"] = port.ToString();
        return new AppReplica(name, Process.Start(start)!, port, logPath);
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}; see {LogPath}");
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{_port}/health/ready")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{Name} was not ready within {timeout}; see {LogPath}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no lease handed back, as when a host dies.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _ = SendSignal(_process.Id, SigTerm);
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
            }
        }
        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill")]
    private static extern int SendSignal(int pid, int signal);
}
