using System.Net;
using Mindguard.Features.Users.Resources;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Telegram;

/// <summary>
/// Bounded work and fast refusal: a replica handles a bounded number of updates at once and refuses the
/// rest at once, and a reply that cannot go out now is queued instead of holding the request.
/// </summary>
public sealed class WebhookOverloadTests : AppsTestBase
{
    private static bool IsHelp(RecordedCall c) => c.Succeeded && c.Method == "sendMessage" && c.Text == SupportResources.Text(SupportResources.Defaults("uk"), Msg.Help, "uk");

    [Fact]
    public async Task An_update_beyond_the_replicas_limit_is_refused_while_the_others_are_handled_and_accepted_when_delivered_again()
    {
        var app = await StartAppAsync(s => s["TELEGRAM_WEBHOOK_CONNECTIONS"] = "1");
        long busy = TestData.NewTelegramId(), waiting = TestData.NewTelegramId();
        var hold = Failure.Hold();
        Telegram.Inject(hold, "sendMessage", busy);
        var first = app.PostUpdateAsync(TelegramUpdates.Text(busy, "/help"));
        await hold.Arrived;

        var update = TelegramUpdates.Text(waiting, "/help");
        var refused = await app.PostUpdateAsync(update);

        // Refused while the first update is still held: it was not queued behind it.
        first.IsCompleted.ShouldBeFalse();
        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        hold.Release();
        (await first).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.PostUpdateAsync(update)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Telegram.WaitForMessageAsync(waiting, IsHelp);
        Telegram.Calls.Count(c => c.ChatId == waiting && IsHelp(c)).ShouldBe(1);
    }

    [Fact]
    public async Task A_replica_takes_at_most_twelve_updates_per_core_at_once_however_many_connections_Telegram_may_open()
    {
        // Past twelve per core the work only waits for a core (bench/README.md, overload): the gate holds
        // there even when Telegram may open 100 connections and the pool could serve 50.
        var app = await StartAppAsync(s =>
        {
            s["TELEGRAM_WEBHOOK_CONNECTIONS"] = "100";
            s["TELEGRAM_GLOBAL_RATE"] = "10000";
        });
        var limit = Math.Min(Environment.ProcessorCount * 12, 50);
        var busy = Enumerable.Range(0, limit).Select(_ => (Chat: TestData.NewTelegramId(), Hold: Failure.Hold())).ToList();
        foreach (var (chat, hold) in busy) Telegram.Inject(hold, "sendMessage", chat);
        var handled = busy.Select(b => app.PostUpdateAsync(TelegramUpdates.Text(b.Chat, "/help"))).ToList();
        await Task.WhenAll(busy.Select(b => b.Hold.Arrived));

        var refused = await app.PostUpdateAsync(TelegramUpdates.Text(TestData.NewTelegramId(), "/help"));

        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        foreach (var (_, hold) in busy) hold.Release();
        foreach (var response in await Task.WhenAll(handled)) response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Replies_beyond_the_bots_budget_are_queued_and_the_updates_answered_at_once()
    {
        // One message per two seconds for the whole bot: only the first reply has budget now.
        var app = await StartAppAsync(s => s["TELEGRAM_GLOBAL_RATE"] = "0.5");
        var people = Enumerable.Range(0, 4).Select(_ => TestData.NewTelegramId()).ToList();

        foreach (var person in people)
            (await app.PostUpdateAsync(TelegramUpdates.Text(person, "/help"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Every update was answered before the budget allowed a second message.
        Telegram.Calls.Count(IsHelp).ShouldBeLessThanOrEqualTo(1);
        foreach (var person in people) await Telegram.WaitForMessageAsync(person, IsHelp);
        foreach (var person in people) Telegram.Calls.Count(c => c.ChatId == person && IsHelp(c)).ShouldBe(1);
        await using var owner = await app.OwnerConnectionAsync();
        await Eventually.HoldsAsync(() => owner.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE lane = 1 AND status = 'sent'"),
            n => n == 3, "the three queued replies to be marked sent");
    }

    [Fact]
    public async Task A_429_on_a_reply_answers_the_update_and_the_reply_arrives_once_after_the_wait()
    {
        var app = await StartAppAsync();
        var person = TestData.NewTelegramId();
        Telegram.Inject(Failure.TooManyRequests(1), "sendMessage", person);

        (await app.PostUpdateAsync(TelegramUpdates.Text(person, "/help"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Telegram.WaitForMessageAsync(person, IsHelp);
        await using var owner = await app.OwnerConnectionAsync();
        await Eventually.HoldsAsync(() => owner.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE chat_id = @person AND status <> 'sent'", new { person }),
            n => n == 0, "the queued reply to be marked sent");
        Telegram.Calls.Count(c => c.ChatId == person && IsHelp(c)).ShouldBe(1);
    }
}
