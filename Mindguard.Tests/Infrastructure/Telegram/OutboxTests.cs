using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Telegram;

public sealed class OutboxTests : AppsTestBase
{
    [Fact]
    public async Task Messages_go_out_no_faster_than_the_global_rate()
    {
        const int rate = 5;
        var app = await StartAppAsync(s => s["TELEGRAM_GLOBAL_RATE"] = rate.ToString());
        var chats = Enumerable.Range(0, 3 * rate).Select(_ => TestData.NewTelegramId()).ToList();
        var queued = DateTimeOffset.UtcNow;

        await app.EnqueueAsync([.. chats.Select(c => (c, "paced"))]);

        var sent = await Telegram.WaitForCallsAsync(c => c.Succeeded && chats.Contains(c.ChatId ?? 0), chats.Count);
        var arrivals = sent.Select(c => c.At).Order().ToList();
        // What Telegram counts is arrivals per second. A bucket that lets a second's worth out at once on
        // top of the refill (twice the rate in the first second) fails here, as does no limit at all.
        // Each arrival comes after its send slot, by however long the HTTP call took to get here; on
        // a loaded machine those delays differ by hundreds of milliseconds and may bunch arrivals
        // that left spaced. A bound that holds for any delay: the k-th arrival is no earlier than the
        // k-th slot, and the slots began after the messages were queued, at most `rate` per second.
        for (var k = 0; k < arrivals.Count; k++)
        {
            (arrivals[k] - queued).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(k / rate),
                $"message {k + 1} of {arrivals.Count} arrived {(arrivals[k] - queued).TotalMilliseconds:F0} ms after they were queued");
        }
    }

    /// <summary>
    /// Telegram counts arrivals, and a send arrives some time after it took its slot: how long depends
    /// on the network and the machine. Here the first five sends take 800 ms to arrive and the next five
    /// none, so sends that left a second apart would arrive bunched, ten within one second.
    /// </summary>
    [Fact]
    public async Task Sends_slowed_on_the_way_never_arrive_more_than_the_rate_in_any_second()
    {
        const int rate = 5;
        var app = await StartAppAsync(s => s["TELEGRAM_GLOBAL_RATE"] = rate.ToString());
        var chats = Enumerable.Range(0, 2 * rate).Select(_ => TestData.NewTelegramId()).ToList();
        foreach (var slow in chats.Take(rate)) Telegram.Inject(Failure.Delay(TimeSpan.FromMilliseconds(800)), "sendMessage", slow);

        await app.EnqueueAsync([.. chats.Select(c => (c, "paced"))]);

        var sent = await Telegram.WaitForCallsAsync(c => c.Succeeded && chats.Contains(c.ChatId ?? 0), chats.Count);
        var arrivals = sent.Select(c => c.At).Order().ToList();
        foreach (var first in arrivals)
        {
            arrivals.Count(t => t >= first && t < first + TimeSpan.FromSeconds(1)).ShouldBeLessThanOrEqualTo(rate,
                $"arrivals (ms after the first): {string.Join(", ", arrivals.Select(t => (t - arrivals[0]).TotalMilliseconds.ToString("F0")))}");
        }
    }

    [Fact]
    public async Task A_429_pauses_every_send_for_retry_after_and_the_message_still_goes_out()
    {
        var app = await StartAppAsync();
        var first = TestData.NewTelegramId();
        var second = TestData.NewTelegramId();
        Telegram.Inject(Failure.TooManyRequests(2), "sendMessage", first);

        await app.EnqueueAsync((first, "one"));
        var refused = await Telegram.WaitForCallAsync(c => c.ChatId == first && c.StatusCode == 429);
        await app.EnqueueAsync((second, "two"));

        var retried = await Telegram.WaitForMessageAsync(first);
        var other = await Telegram.WaitForMessageAsync(second);
        (retried.At - refused.At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9));
        (other.At - refused.At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9));
        var row = await Eventually.HoldsAsync(() => app.OutboxRowAsync(first), r => r.Status == "sent", "the row to be sent");
        row.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task A_person_who_blocked_the_bot_is_deactivated_and_the_message_recorded_as_failed()
    {
        var app = await StartAppAsync();
        await using var owner = await app.OwnerConnectionAsync();
        var org = await TestData.OrganisationAsync(owner);
        var person = await TestData.UserAsync(owner, org);
        Telegram.Inject(Failure.Blocked(), "sendMessage", person.TelegramId);

        await app.EnqueueAsync((person.TelegramId, "hello"));

        var row = await Eventually.HoldsAsync(() => app.OutboxRowAsync(person.TelegramId), r => r.Status == "failed", "the row to fail");
        row.LastError.ShouldNotBeNull().ShouldContain("blocked");
        (await owner.ExecuteScalarAsync<bool>("SELECT active FROM users WHERE id = @Id", person)).ShouldBeFalse();
    }

    [Fact]
    public async Task Server_errors_are_retried_with_backoff_then_recorded_as_failed_with_the_reason()
    {
        var app = await StartAppAsync(s => s["OUTBOX_MAX_ATTEMPTS"] = "2");
        var chat = TestData.NewTelegramId();
        Telegram.Inject(Failure.ServerError(502), "sendMessage", chat, times: 10);

        await app.EnqueueAsync((chat, "doomed"));

        var attempts = await Telegram.WaitForCallsAsync(c => c.ChatId == chat, 2);
        (attempts[1].At - attempts[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9));
        var row = await Eventually.HoldsAsync(() => app.OutboxRowAsync(chat), r => r.Status == "failed", "the row to fail");
        row.Attempts.ShouldBe(2);
        row.LastError.ShouldNotBeNull().ShouldContain("502");
        Telegram.Calls.Count(c => c.ChatId == chat).ShouldBe(2);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_and_then_delivered()
    {
        var app = await StartAppAsync();
        var chat = TestData.NewTelegramId();
        Telegram.Inject(Failure.ServerError(500), "sendMessage", chat, times: 1);

        await app.EnqueueAsync((chat, "eventually"));

        (await Telegram.WaitForMessageAsync(chat)).Text.ShouldBe("eventually");
        await Eventually.HoldsAsync(() => app.OutboxRowAsync(chat), r => r.Status == "sent", "the row to be sent");
    }

    [Fact]
    public async Task A_send_Telegram_does_not_answer_is_given_up_within_the_lease_and_retried()
    {
        var app = await StartAppAsync();
        var chat = TestData.NewTelegramId();
        Telegram.Inject(Failure.Delay(TimeSpan.FromSeconds(40)), "sendMessage", chat);
        var queued = DateTimeOffset.UtcNow;

        await app.EnqueueAsync((chat, "late"));

        // Waiting as long as the HTTP client would (60 s), or for the fake's answer (40 s), outlives the
        // row's lease (30 s from the claim, which comes after the queueing), after which another replica
        // may take the row and send it as well. Expected: about 12 s (the 10-s send timeout, a 2-s backoff).
        var sent = await Telegram.WaitForMessageAsync(chat, timeout: TimeSpan.FromSeconds(45));
        (sent.At - queued).ShouldBeLessThan(TimeSpan.FromSeconds(30));
        var row = await Eventually.HoldsAsync(() => app.OutboxRowAsync(chat), r => r.Status == "sent", "the row to be sent");
        row.Attempts.ShouldBe(2);
    }

    [Fact]
    public async Task Two_replicas_never_send_the_same_message()
    {
        var first = await StartAppAsync();
        var second = await StartAppAsync(s => s["REDIS_KEY_PREFIX"] = first.RedisKeyPrefix, first.DatabaseUrl);
        var chats = Enumerable.Range(0, 150).Select(_ => TestData.NewTelegramId()).ToList();

        await first.EnqueueAsync([.. chats.Take(75).Select(c => (c, $"to {c}"))]);
        await second.EnqueueAsync([.. chats.Skip(75).Select(c => (c, $"to {c}"))]);

        var sent = await Telegram.WaitForCallsAsync(c => c.Succeeded && c.Method == "sendMessage" && chats.Contains(c.ChatId ?? 0), 150);
        sent.Select(c => c.ChatId).Distinct().Count().ShouldBe(150);
        await using var owner = await first.OwnerConnectionAsync();
        await Eventually.HoldsAsync(() => owner.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE status <> 'sent'"), n => n == 0, "all rows sent");
        Telegram.Calls.Count(c => c.Method == "sendMessage" && chats.Contains(c.ChatId ?? 0)).ShouldBe(150);
    }
}
