using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Telegram;

public sealed class OutboxTests : IAsyncLifetime
{
    private FakeTelegramServer _telegram = null!;
    private readonly List<MindguardApp> _apps = [];

    public async ValueTask InitializeAsync() => _telegram = await FakeTelegramServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps) await app.DisposeAsync();
        foreach (var url in _apps.Select(a => a.DatabaseUrl).Distinct()) await TestEnvironment.DropDatabaseAsync(url);
        await _telegram.DisposeAsync();
    }

    private async Task<MindguardApp> StartAsync(Action<Dictionary<string, string?>>? configure = null, string? databaseUrl = null)
    {
        var app = await MindguardApp.StartAsync(_telegram, configure, databaseUrl: databaseUrl);
        _apps.Add(app);
        return app;
    }

    [Fact]
    public async Task Messages_go_out_no_faster_than_the_global_rate()
    {
        var app = await StartAsync(s => s["TELEGRAM_GLOBAL_RATE"] = "5");
        var chats = Enumerable.Range(0, 15).Select(_ => TestData.NewTelegramId()).ToList();

        await app.EnqueueAsync([.. chats.Select(c => (c, "paced"))]);

        var sent = await _telegram.WaitForCallsAsync(c => c.Succeeded && chats.Contains(c.ChatId ?? 0), 15);
        var times = sent.Select(c => c.At).Order().ToList();
        // A bucket of 5 tokens refilled at 5/s: 5 at once, then one every 200 ms.
        (times[^1] - times[0]).ShouldBeGreaterThan(TimeSpan.FromSeconds(1.8));
        for (var i = 0; i < times.Count; i++)
        {
            times.Count(t => t >= times[i] && t < times[i] + TimeSpan.FromSeconds(1)).ShouldBeLessThanOrEqualTo(10);
        }
    }

    [Fact]
    public async Task A_429_pauses_every_send_for_retry_after_and_the_message_still_goes_out()
    {
        var app = await StartAsync();
        var first = TestData.NewTelegramId();
        var second = TestData.NewTelegramId();
        _telegram.Inject(Failure.TooManyRequests(2), "sendMessage", first);

        await app.EnqueueAsync((first, "one"));
        var refused = await _telegram.WaitForCallAsync(c => c.ChatId == first && c.StatusCode == 429);
        await app.EnqueueAsync((second, "two"));

        var retried = await _telegram.WaitForMessageAsync(first);
        var other = await _telegram.WaitForMessageAsync(second);
        (retried.At - refused.At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9));
        (other.At - refused.At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9));
        var row = await Eventually.HoldsAsync(() => app.OutboxRowAsync(first), r => r.Status == "sent", "the row to be sent");
        row.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task A_person_who_blocked_the_bot_is_deactivated_and_the_message_recorded_as_failed()
    {
        var app = await StartAsync();
        await using var owner = await app.OwnerConnectionAsync();
        var org = await TestData.OrganisationAsync(owner);
        var person = await TestData.UserAsync(owner, org);
        _telegram.Inject(Failure.Blocked(), "sendMessage", person.TelegramId);

        await app.EnqueueAsync((person.TelegramId, "hello"));

        var row = await Eventually.HoldsAsync(() => app.OutboxRowAsync(person.TelegramId), r => r.Status == "failed", "the row to fail");
        row.LastError.ShouldNotBeNull().ShouldContain("blocked");
        (await owner.ExecuteScalarAsync<bool>("SELECT active FROM users WHERE id = @Id", person)).ShouldBeFalse();
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_then_recorded_as_failed_with_the_reason()
    {
        var app = await StartAsync(s => s["OUTBOX_MAX_ATTEMPTS"] = "2");
        var chat = TestData.NewTelegramId();
        _telegram.Inject(Failure.ServerError(502), "sendMessage", chat, times: 10);

        await app.EnqueueAsync((chat, "doomed"));

        var attempts = await _telegram.WaitForCallsAsync(c => c.ChatId == chat, 2);
        (attempts[1].At - attempts[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9));
        var row = await Eventually.HoldsAsync(() => app.OutboxRowAsync(chat), r => r.Status == "failed", "the row to fail");
        row.Attempts.ShouldBe(2);
        row.LastError.ShouldNotBeNull().ShouldContain("502");
        _telegram.Calls.Count(c => c.ChatId == chat).ShouldBe(2);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_then_delivered()
    {
        var app = await StartAsync();
        var chat = TestData.NewTelegramId();
        _telegram.Inject(Failure.ServerError(500), "sendMessage", chat, times: 1);

        await app.EnqueueAsync((chat, "eventually"));

        (await _telegram.WaitForMessageAsync(chat)).Text.ShouldBe("eventually");
        await Eventually.HoldsAsync(() => app.OutboxRowAsync(chat), r => r.Status == "sent", "the row to be sent");
    }

    [Fact]
    public async Task Two_replicas_never_send_the_same_message()
    {
        var first = await StartAsync();
        var second = await StartAsync(s => s["REDIS_KEY_PREFIX"] = first.RedisKeyPrefix, first.DatabaseUrl);
        var chats = Enumerable.Range(0, 150).Select(_ => TestData.NewTelegramId()).ToList();

        await first.EnqueueAsync([.. chats.Take(75).Select(c => (c, $"to {c}"))]);
        await second.EnqueueAsync([.. chats.Skip(75).Select(c => (c, $"to {c}"))]);

        var sent = await _telegram.WaitForCallsAsync(c => c.Succeeded && c.Method == "sendMessage" && chats.Contains(c.ChatId ?? 0), 150);
        sent.Select(c => c.ChatId).Distinct().Count().ShouldBe(150);
        await using var owner = await first.OwnerConnectionAsync();
        await Eventually.HoldsAsync(() => owner.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE status <> 'sent'"), n => n == 0, "all rows sent");
        _telegram.Calls.Count(c => c.Method == "sendMessage" && chats.Contains(c.ChatId ?? 0)).ShouldBe(150);
    }
}
