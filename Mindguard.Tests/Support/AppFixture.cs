using Mindguard.Tests.Fakes.Telegram;

namespace Mindguard.Tests.Support;

/// <summary>One app and one fake Telegram shared by the tests of a class.</summary>
public class AppFixture : IAsyncLifetime
{
    public FakeTelegramServer Telegram { get; private set; } = null!;
    public MindguardApp App { get; private set; } = null!;

    protected virtual void Configure(Dictionary<string, string?> settings)
    {
    }

    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    public virtual async ValueTask InitializeAsync()
    {
        Telegram = await FakeTelegramServer.StartAsync();
        App = await MindguardApp.StartAsync(Telegram, Configure, ConfigureServices);
    }

    public virtual async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Telegram.DisposeAsync();
        await TestEnvironment.DropDatabaseAsync(App.DatabaseUrl);
    }
}
