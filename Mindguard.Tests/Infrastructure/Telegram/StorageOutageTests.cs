using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Infrastructure.Telegram;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Telegram;

/// <summary>
/// PostgreSQL and Redis reached through proxies the tests can cut, as a network fault or a restart would.
/// Telegram redelivers what was not acknowledged with 200, so the tests redeliver the same way.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private FakeTelegramServer _telegram = null!;
    private TcpProxy _postgres = null!;
    private TcpProxy _redis = null!;
    private MindguardApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _telegram = await FakeTelegramServer.StartAsync();
        var database = new Uri(await TestEnvironment.FreshDatabaseUrlAsync());
        var redis = new Uri(TestEnvironment.RedisUrl);
        _postgres = new TcpProxy(database.Host, database.Port);
        _redis = new TcpProxy(redis.Host, redis.Port);
        _app = await MindguardApp.StartAsync(_telegram,
            s => s["REDIS_URL"] = $"redis://127.0.0.1:{_redis.Port}",
            services => services.AddBotHandler<RememberTestHandler>(),
            databaseUrl: new UriBuilder(database) { Port = _postgres.Port }.Uri.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _postgres.DisposeAsync();
        await _redis.DisposeAsync();
        await _telegram.DisposeAsync();
    }

    [Fact]
    public async Task With_redis_down_the_webhook_answers_503_and_the_redelivery_is_handled_once()
    {
        var person = TestData.NewTelegramId();
        var update = TelegramUpdates.Text(person, "/help");

        _redis.Cut();
        var during = await _app.PostUpdateAsync(update);
        var readiness = await _app.Http.GetAsync("/health/ready");
        _redis.Restore();

        during.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        readiness.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        await _app.RedeliverUntilAcceptedAsync(update);
        (await _app.PostUpdateAsync(update)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await _telegram.WaitForMessageAsync(person);
        _telegram.MessagesTo(person).Count.ShouldBe(1);
    }

    [Fact]
    public async Task With_postgres_down_nothing_is_acknowledged_and_the_redelivery_stores_the_effect_once()
    {
        var person = TestData.NewTelegramId();
        var update = TelegramUpdates.Text(person, "/remember kept");

        _postgres.Cut();
        var during = await _app.PostUpdateAsync(update);
        var readiness = await _app.Http.GetAsync("/health/ready");
        _postgres.Restore();

        during.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        readiness.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        await _app.RedeliverUntilAcceptedAsync(update);
        (await _app.PostUpdateAsync(update)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var owner = await _app.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE chat_id = @person", new { person })).ShouldBe(1);
        (await _telegram.WaitForMessageAsync(person)).Text.ShouldBe("remembered: kept");
        // Readiness recovers by itself once PostgreSQL is back.
        await Eventually.HoldsAsync(() => _app.Http.GetAsync("/health/ready"), r => r.StatusCode == HttpStatusCode.OK, "readiness to recover", TimeSpan.FromSeconds(30));
    }
}
