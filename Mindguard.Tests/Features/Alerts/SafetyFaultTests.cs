using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Features.Alerts;
using Mindguard.Features.Checkin;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Alerts;

/// <summary>
/// The safety paths against a failing Telegram: each call on the path fails in turn (502, 429 with
/// retry_after, a reply slower than the budget, "query is too old" where Telegram says it), Telegram
/// redelivers whatever was answered 503, and the person gets the crisis resources exactly once and each
/// care contact exactly one message, with nothing dead-lettered.
/// </summary>
public sealed class SafetyFaultTests : AppsTestBase
{
    public static TheoryData<string> Faults => ["502", "429", "timeout", "too-old"];

    /// <summary>Where a fault lands: a Bot API method, and which of its calls to the person's chat (1 = the first).</summary>
    private sealed record Step(string Method, int Times, bool ToChat = true);

    private static Failure Make(string fault) => fault switch
    {
        "502" => Failure.ServerError(502),
        "429" => Failure.TooManyRequests(1),
        "timeout" => Failure.Delay(TimeSpan.FromSeconds(3)),
        _ => Failure.QueryTooOld(),
    };

    // Telegram answers "query is too old" to answerCallbackQuery only; the other calls fail the other ways.
    private static IEnumerable<Step> StepsFor(string fault, params Step[] steps) =>
        fault == "too-old" ? steps.Where(s => s.Method == "answerCallbackQuery") : steps;

    private Task<MindguardApp> StartAsync(Action<Dictionary<string, string?>>? configure = null) => StartAppAsync(s =>
    {
        s["TELEGRAM_REPLY_TIMEOUT_SECONDS"] = "1";
        configure?.Invoke(s);
    });

    private void Inject(string fault, Step step, long chat) =>
        Telegram.Inject(Make(fault), step.Method, step.ToChat ? chat : null, step.Times);

    private static bool IsResources(RecordedCall c) => c.Succeeded && c.Method == "sendMessage" && c.ButtonData.Contains(CrisisPath.TalkData);

    /// <summary>Waits until nothing addressed to these people is left to send, so counts are final.</summary>
    private static async Task DrainedAsync(MindguardApp app, params TestUser[] people)
    {
        var ids = people.Select(p => p.Id).ToArray();
        await Eventually.HoldsAsync(async () =>
        {
            await using var owner = await app.OwnerConnectionAsync();
            return await owner.ExecuteScalarAsync<long>("""
                SELECT (SELECT count(*) FROM outbox WHERE user_id = ANY(@ids) AND status IN ('pending', 'sending'))
                     + (SELECT count(*) FROM consequences WHERE user_id = ANY(@ids) AND status IN ('pending', 'running'))
                """, new { ids });
        }, n => n == 0, "the outbox and the consequences to be done", TimeSpan.FromSeconds(30));
    }

    private static async Task NoDeadLettersAsync(MindguardApp app)
    {
        await using var owner = await app.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM telegram_dead_letters")).ShouldBe(0);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM consequences WHERE status = 'parked'")).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Item_9_above_zero_brings_the_resources_once_whichever_call_fails(string fault)
    {
        var app = await StartAsync();
        var org = await Org.SeedAsync(app);
        foreach (var step in StepsFor(fault, new Step("answerCallbackQuery", 1, ToChat: false), new Step("editMessageText", 1),
                     new Step("sendMessage", 1), new Step("sendMessage", 2)))
        {
            var person = await org.EmployeeAsync(app);
            await app.GiveDataKeyAsync(person);
            var driver = new CheckinDriver(Telegram, person.TelegramId);
            (await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, DeepCheck.StartData))).StatusCode.ShouldBe(HttpStatusCode.OK);
            for (var i = 0; i < 8; i++) await driver.AnswerAsync(app, i);
            var item9 = await driver.QuestionAsync(8);
            item9.Text!.ShouldContain("померти");

            Inject(fault, step, person.TelegramId);
            await app.RedeliverUntilAcceptedAsync(TelegramUpdates.Callback(person.TelegramId, item9.ButtonData[1]));

            await driver.QuestionAsync(9);
            await Telegram.WaitForCallAsync(c => c.ChatId == person.TelegramId && IsResources(c));
            await DrainedAsync(app, person);
            Telegram.Calls.Count(c => c.ChatId == person.TelegramId && IsResources(c)).ShouldBe(1, $"resources after {fault} on {step}");
            await using var owner = await app.OwnerConnectionAsync();
            (await owner.ExecuteScalarAsync<bool>("SELECT next_at > now() + interval '6 hours' FROM crisis_followups WHERE user_id = @Id", person))
                .ShouldBeTrue();
        }
        await NoDeadLettersAsync(app);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Talk_now_reaches_each_care_contact_once_whichever_call_fails(string fault)
    {
        var app = await StartAsync();
        var org = await Org.SeedAsync(app);
        foreach (var step in StepsFor(fault, new Step("answerCallbackQuery", 1, ToChat: false), new Step("sendMessage", 1)))
        {
            var person = await org.EmployeeAsync(app);
            Telegram.Clear();
            Inject(fault, step, person.TelegramId);
            await app.RedeliverUntilAcceptedAsync(TelegramUpdates.Callback(person.TelegramId, CrisisPath.TalkData));
            await ContactsToldOnceAsync(app, org, person, $"{fault} on {step}");
        }
        // The contacts' own chats failing: the outbox retries them.
        if (fault != "too-old")
        {
            var person = await org.EmployeeAsync(app);
            Telegram.Clear();
            Telegram.Inject(Make(fault), "sendMessage", org.Manager.TelegramId);
            Telegram.Inject(Make(fault), "sendMessage", org.Admin.TelegramId);
            await app.RedeliverUntilAcceptedAsync(TelegramUpdates.Callback(person.TelegramId, CrisisPath.TalkData));
            await ContactsToldOnceAsync(app, org, person, $"{fault} on the contacts' messages");
        }
        await NoDeadLettersAsync(app);
    }

    private async Task ContactsToldOnceAsync(MindguardApp app, Org org, TestUser person, string because)
    {
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Succeeded && c.Text!.StartsWith("Я повідомив"));
        await Telegram.WaitForMessageAsync(org.Manager.TelegramId, c => c.Succeeded);
        await Telegram.WaitForMessageAsync(org.Admin.TelegramId, c => c.Succeeded);
        await DrainedAsync(app, person, org.Manager, org.Admin);
        foreach (var contact in new[] { org.Manager, org.Admin })
            Telegram.Calls.Count(c => c.ChatId == contact.TelegramId && c.Succeeded && c.Text!.Contains("просить поговорити")).ShouldBe(1, because);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_sustained_critical_stretch_alerts_each_care_contact_once_whichever_call_fails(string fault)
    {
        var app = await StartAsync();
        var org = await Org.SeedAsync(app);
        foreach (var step in StepsFor(fault, new Step("answerCallbackQuery", 1, ToChat: false), new Step("editMessageText", 1), new Step("sendMessage", 1)))
        {
            var person = await org.EmployeeAsync(app);
            await app.GiveDataKeyAsync(person);
            await app.SeedDaysAsync(person, 20, q => q.Options.Count - 1, lastDay: DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)));
            var driver = new CheckinDriver(Telegram, person.TelegramId);
            await app.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/checkin"));
            for (var i = 0; i < 4; i++)
                await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, (await driver.QuestionAsync(i)).ButtonData[^1]));
            var last = await driver.QuestionAsync(4);

            Inject(fault, step, person.TelegramId);
            await app.RedeliverUntilAcceptedAsync(TelegramUpdates.Callback(person.TelegramId, last.ButtonData[^1]));

            await driver.ThanksAsync();
            await using var owner = await app.OwnerConnectionAsync();
            var alertId = await Eventually.HoldsAsync(() => owner.ExecuteScalarAsync<Guid?>("SELECT id FROM alerts WHERE user_id = @Id", person),
                id => id is not null, "the alert to be raised");
            await DrainedAsync(app, person, org.Manager, org.Admin);
            foreach (var contact in new[] { org.Manager, org.Admin })
                Telegram.Calls.Count(c => c.ChatId == contact.TelegramId && c.Succeeded && c.ButtonData.Contains(AlertButtons.Acknowledge(alertId!.Value)))
                    .ShouldBe(1, $"{fault} on {step}");
        }
        await NoDeadLettersAsync(app);
    }

    [Theory]
    [InlineData("502")]
    [InlineData("429")]
    [InlineData("timeout")]
    public async Task A_consent_question_and_a_follow_up_arrive_once_through_a_failing_send(string fault)
    {
        var app = await StartAsync();
        var org = await Org.SeedAsync(app);
        (await app.ClientWithKey(org.Admin.ApiKey).PatchAsync("/api/org/safety",
            new StringContent("{\"alertMode\":\"consent\"}", System.Text.Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var person = await org.EmployeeAsync(app);
        await app.GiveDataKeyAsync(person);
        await app.SeedDaysAsync(person, 20, q => q.Options.Count - 1);

        Telegram.Inject(Make(fault), "sendMessage", person.TelegramId);
        await app.Services.GetRequiredService<EvaluateAlertsJob>().RunAsync(CancellationToken.None);
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Succeeded && c.Text == Catalogue.Instance.Get(Msg.AlertConsentRequest, "uk"));

        await using (var owner = await app.OwnerConnectionAsync())
            await owner.ExecuteAsync("INSERT INTO crisis_followups (user_id, next_at) VALUES (@Id, now() - interval '1 minute')", person);
        Telegram.Inject(Make(fault), "sendMessage", person.TelegramId);
        await ActivatorUtilities.CreateInstance<CrisisFollowUpJob>(app.Services,
            (TimeProvider)new Microsoft.Extensions.Time.Testing.FakeTimeProvider(NoonInKyiv())).RunAsync(CancellationToken.None);
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Succeeded && c.Text == Catalogue.Instance.Get(Msg.CrisisFollowup, "uk"));

        await DrainedAsync(app, person);
        Telegram.Calls.Count(c => c.ChatId == person.TelegramId && c.Succeeded && c.Text == Catalogue.Instance.Get(Msg.AlertConsentRequest, "uk")).ShouldBe(1);
        Telegram.Calls.Count(c => c.ChatId == person.TelegramId && c.Succeeded && c.Text == Catalogue.Instance.Get(Msg.CrisisFollowup, "uk")).ShouldBe(1);
        Telegram.MessagesTo(org.Manager.TelegramId).ShouldBeEmpty();
        await NoDeadLettersAsync(app);
    }

    /// <summary>A moment when nobody in Kyiv is in their quiet hours.</summary>
    private static DateTimeOffset NoonInKyiv() => new(DateTimeOffset.UtcNow.UtcDateTime.Date.AddHours(10).AddDays(1), TimeSpan.Zero);
}
