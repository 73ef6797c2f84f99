using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Mindguard.Bench.Webhook;

/// <summary>
/// The published app as its own process, in webhook mode against the fake Telegram, configured only
/// through the environment variables production reads.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    public const string WebhookSecret = "bench-webhook-secret";
    public const string BotToken = "424242:bench-token";
    public const int GlobalRate = 100_000;

    // Clock-driven jobs would add work the load does not ask for, at moments the run does not choose.
    private static readonly string[] Jobs =
        ["DispatchDueCheckins", "SendReminders", "EvaluateAlerts", "SendWeeklySummaries", "CrisisFollowUp", "SendWallDigest", "ReleaseWallPosts", "CleanUp"];

    private readonly Process _process;
    private readonly StreamWriter _log;

    private AppProcess(Process process, StreamWriter log, Uri baseUrl, string apiKey, string redisKeyPrefix, string logPath)
    {
        _process = process;
        _log = log;
        BaseUrl = baseUrl;
        ApiKey = apiKey;
        RedisKeyPrefix = redisKeyPrefix;
        LogPath = logPath;
    }

    public Uri BaseUrl { get; }
    public string ApiKey { get; }
    public string RedisKeyPrefix { get; }
    public string LogPath { get; }

    public static async Task<AppProcess> StartAsync(BenchSettings settings, Uri telegram)
    {
        var port = FreePort();
        var apiKey = "mg_live_" + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var prefix = $"bench-webhook-{Environment.ProcessId}:";
        var start = new ProcessStartInfo("dotnet", [settings.AppDll]) { RedirectStandardOutput = true, RedirectStandardError = true };
        var env = start.Environment;
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        env["DATABASE_URL"] = settings.DatabaseUrl;
        env["REDIS_URL"] = settings.RedisUrl;
        env["REDIS_KEY_PREFIX"] = prefix;
        env["MINDGUARD_ENCRYPTION_KEYS"] = "1:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        env["MINDGUARD_BOOTSTRAP_API_KEY"] = apiKey;
        env["TELEGRAM_BOT_TOKEN"] = BotToken;
        env["TELEGRAM_MODE"] = "webhook";
        env["TELEGRAM_WEBHOOK_SECRET"] = WebhookSecret;
        env["PUBLIC_URL"] = "https://mindguard.bench.invalid";
        env["TELEGRAM_API_BASE_URL"] = telegram.ToString().TrimEnd('/');
        // Telegram's 30 messages/s per bot would pace 300 answers/s (two replies each) to 15/s: the
        // benchmark measures the app, as a bot with paid broadcasts would see it. The per-chat limit
        // (1/s, burst 3) stays as in production: each person answers only every few seconds.
        // The /help scenario is about that budget, so it runs with Telegram's own 30/s.
        env["TELEGRAM_GLOBAL_RATE"] = settings.Help ? "30" : GlobalRate.ToString();
        // Only joining verifies invite codes; the default Argon2 cost would make seeding thousands of people take minutes.
        env["ARGON2_MEMORY_KIB"] = "8192";
        env["ARGON2_ITERATIONS"] = "1";
        env["Serilog__MinimumLevel__Default"] = settings.AppLogLevel;
        foreach (var job in Jobs) env[$"Jobs__{job}"] = "off";
        env.Remove("PORT");

        var logPath = Environment.GetEnvironmentVariable("BENCH_APP_LOG") is { Length: > 0 } path
            ? path : Path.Combine(Path.GetTempPath(), $"mindguard-bench-webhook-{Environment.ProcessId}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var app = new AppProcess(process, log, new Uri($"http://127.0.0.1:{port}"), apiKey, prefix, logPath);
        await app.WaitUntilReadyAsync();
        return app;
    }

    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public long ResidentMegabytes()
    {
        _process.Refresh();
        return _process.WorkingSet64 / (1024 * 1024);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with {_process.ExitCode}; see {LogPath}");
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The app was not ready within 90 s; see {LogPath}");
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
