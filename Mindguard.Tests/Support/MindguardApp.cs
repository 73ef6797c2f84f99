using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Tests.Fakes.Telegram;

namespace Mindguard.Tests.Support;

/// <summary>
/// The real app in-process, on the real PostgreSQL and Redis, talking to a fake Telegram over HTTP.
/// Settings are the same environment variables production reads.
/// </summary>
public sealed class MindguardApp : WebApplicationFactory<Program>
{
    public const string WebhookSecret = "test-webhook-secret";
    public const string BotToken = "123456:TEST-token-for-the-fake-server";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    private MindguardApp(Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        _settings = settings;
        _services = services;
    }

    public string DatabaseUrl => _settings["DATABASE_URL"]!;
    public string RedisKeyPrefix => _settings["REDIS_KEY_PREFIX"]!;
    public HttpClient Http { get; private set; } = null!;

    /// <summary>Settings a test starts from; change any of them before <see cref="StartAsync"/>.</summary>
    public static Dictionary<string, string?> Settings(string databaseUrl, FakeTelegramServer telegram) => new()
    {
        ["DATABASE_URL"] = databaseUrl,
        ["REDIS_URL"] = TestEnvironment.RedisUrl,
        ["REDIS_KEY_PREFIX"] = $"mgtest:{Guid.NewGuid():N}:",
        ["MINDGUARD_ENCRYPTION_KEYS"] = TestEnvironment.EncryptionKeys,
        ["TELEGRAM_BOT_TOKEN"] = BotToken,
        ["TELEGRAM_MODE"] = "webhook",
        ["TELEGRAM_WEBHOOK_SECRET"] = WebhookSecret,
        ["PUBLIC_URL"] = "https://mindguard.test",
        ["TELEGRAM_API_BASE_URL"] = telegram.BaseUrl.ToString(),
        // Generous by default so unrelated tests are not paced; rate tests set their own.
        ["TELEGRAM_GLOBAL_RATE"] = "1000",
        ["TELEGRAM_CHAT_RATE"] = "100",
        ["TELEGRAM_CHAT_BURST"] = "100",
        ["ARGON2_MEMORY_KIB"] = "8192",
        ["ARGON2_ITERATIONS"] = "1",
        // Tests run the clock-driven jobs themselves, with a clock they control.
        ["Jobs:DispatchDueCheckins"] = "off",
        ["Jobs:SendReminders"] = "off",
        ["Jobs:EvaluateAlerts"] = "off",
        ["Jobs:SendWeeklySummaries"] = "off",
        ["Jobs:CrisisFollowUp"] = "off",
        ["Jobs:EscalateAlerts"] = "off",
        ["Jobs:SendWallDigest"] = "off",
        ["Jobs:ReleaseWallPosts"] = "off",
        ["Jobs:ClosePeriods"] = "off",
    };

    /// <summary>Starts the app; without <paramref name="databaseUrl"/> it gets a fresh database of its own.</summary>
    public static async Task<MindguardApp> StartAsync(FakeTelegramServer telegram,
        Action<Dictionary<string, string?>>? configure = null, Action<IServiceCollection>? services = null, string? databaseUrl = null)
    {
        var settings = Settings(databaseUrl ?? await TestEnvironment.FreshDatabaseUrlAsync(), telegram);
        configure?.Invoke(settings);
        var app = new MindguardApp(settings, services);
        app.Http = app.CreateClient();
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        // Host settings reach Program's builder.Configuration before services are registered, as environment
        // variables do in production; what Program decides at registration (telemetry export) needs that.
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_services is not null) builder.ConfigureServices(_services);
    }

    /// <summary>Delivers an update the way Telegram does: a POST with the secret header.</summary>
    public Task<HttpResponseMessage> PostUpdateAsync(string updateJson, string? secret = WebhookSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook")
        {
            Content = new StringContent(updateJson, Encoding.UTF8, "application/json"),
        };
        if (secret is not null) request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        return Http.SendAsync(request);
    }

    /// <summary>
    /// What Telegram does with a 503: delivers the same update again a little later, until it is
    /// answered otherwise; that answer must be 200.
    /// </summary>
    public async Task RedeliverUntilAcceptedAsync(string updateJson)
    {
        var response = await Eventually.HoldsAsync(() => PostUpdateAsync(updateJson), r => r.StatusCode != HttpStatusCode.ServiceUnavailable,
            "the webhook to accept the redelivered update", TimeSpan.FromSeconds(30));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public HttpClient ClientWithKey(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>The owner role: sees every row, for checking what the app stored.</summary>
    public async Task<NpgsqlConnection> OwnerConnectionAsync()
    {
        var connection = new NpgsqlConnection(TestEnvironment.OwnerConnectionString(DatabaseUrl));
        await connection.OpenAsync();
        return connection;
    }
}
