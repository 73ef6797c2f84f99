using Microsoft.Extensions.DependencyInjection;
using Mindguard.Tests.Fakes.Telegram;

namespace Mindguard.Tests.Support;

/// <summary>
/// For tests that start their own apps (different settings, or several replicas): one fake Telegram,
/// and every app started here is stopped and its database dropped afterwards.
/// </summary>
public abstract class AppsTestBase : IAsyncLifetime
{
    private readonly List<MindguardApp> _apps = [];

    protected FakeTelegramServer Telegram { get; private set; } = null!;

    protected async Task<MindguardApp> StartAppAsync(Action<Dictionary<string, string?>>? configure = null,
        string? databaseUrl = null, Action<IServiceCollection>? services = null)
    {
        var app = await MindguardApp.StartAsync(Telegram, configure, services, databaseUrl);
        _apps.Add(app);
        return app;
    }

    public virtual async ValueTask InitializeAsync() => Telegram = await FakeTelegramServer.StartAsync();

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        foreach (var url in _apps.Select(a => a.DatabaseUrl).Distinct()) await TestEnvironment.DropDatabaseAsync(url);
        await Telegram.DisposeAsync();
    }
}
