using Mindguard.Features.Users.Resources;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Features.Alerts;
using Mindguard.Features.Checkin;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;
using static Mindguard.Tests.Support.SafetyDrill;

namespace Mindguard.Tests.Features.Alerts;

/// <summary>
/// The safety paths against a failing Telegram: each call on the path fails in turn (502, 429 with
/// retry_after, a reply slower than the budget, "query is too old" where Telegram says it), Telegram
/// redelivers whatever was answered 503, and the person gets the crisis resources exactly once and each
/// care contact exactly one message, with nothing dead-lettered.
/// </summary>
public sealed class SafetyFaultTests : AppsTestBase
{
    private Task<MindguardApp> StartAsync(Action<Dictionary<string, string?>>? configure = null) => StartAppAsync(s =>
    {
        s["TELEGRAM_REPLY_TIMEOUT_SECONDS"] = "1";
        configure?.Invoke(s);
    });

    private void Inject(string fault, Step step, long chat) => SafetyDrill.Inject(Telegram, fault, step, chat);

    [Theory]
    [MemberData(nameof(Faults), MemberType = typeof(SafetyDrill))]
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
    [MemberData(nameof(Faults), MemberType = typeof(SafetyDrill))]
    public async Task Talk_now_reaches_each_care_contact_once_whichever_call_fails(string fault)
    {
        var app = await StartAsync();
        var org = await Org.SeedAsync(app);
        await org.AlwaysTellAdminsAsync(app);
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
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Succeeded && c.Text!.StartsWith("Ваших контактних осіб повідомлено"));
        await Telegram.WaitForMessageAsync(org.Manager.TelegramId, c => c.Succeeded);
        await Telegram.WaitForMessageAsync(org.Admin.TelegramId, c => c.Succeeded);
        await DrainedAsync(app, person, org.Manager, org.Admin);
        foreach (var contact in new[] { org.Manager, org.Admin })
            Telegram.Calls.Count(c => c.ChatId == contact.TelegramId && c.Succeeded && c.Text!.Contains("просить поговорити")).ShouldBe(1, because);
    }

    [Theory]
    [MemberData(nameof(Faults), MemberType = typeof(SafetyDrill))]
    public async Task A_sustained_critical_stretch_alerts_each_care_contact_once_whichever_call_fails(string fault)
    {
        var app = await StartAsync();
        var org = await Org.SeedAsync(app);
        await org.AlwaysTellAdminsAsync(app);
        foreach (var step in StepsFor(fault, new Step("answerCallbackQuery", 1, ToChat: false), new Step("editMessageText", 1), new Step("sendMessage", 1)))
        {
            var person = await org.EmployeeAsync(app);
            await app.GiveDataKeyAsync(person);
            await app.SeedDaysAsync(person, 20, q => q.Options.Count - 1, lastDay: DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)));
            var driver = new CheckinDriver(Telegram, person.TelegramId);
            await app.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/checkin"));
            for (var i = 0; i < 4; i++)
                await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, CheckinDriver.Options(await driver.QuestionAsync(i))[^1]));
            var last = await driver.QuestionAsync(4);

            Inject(fault, step, person.TelegramId);
            await app.RedeliverUntilAcceptedAsync(TelegramUpdates.Callback(person.TelegramId, CheckinDriver.Options(last)[^1]));

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
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Succeeded && c.Text == SupportResources.Text(SupportResources.Defaults("uk"), Msg.AlertConsentRequest, "uk", Catalogue.Instance.Get(Msg.AlertContactManager, "uk")));

        await using (var owner = await app.OwnerConnectionAsync())
            await owner.ExecuteAsync("INSERT INTO crisis_followups (user_id, next_at) VALUES (@Id, now() - interval '1 minute')", person);
        Telegram.Inject(Make(fault), "sendMessage", person.TelegramId);
        await ActivatorUtilities.CreateInstance<CrisisFollowUpJob>(app.Services,
            (TimeProvider)new Microsoft.Extensions.Time.Testing.FakeTimeProvider(NoonInKyiv())).RunAsync(CancellationToken.None);
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Succeeded && c.Text == Catalogue.Instance.Get(Msg.CrisisFollowup, "uk"));

        await DrainedAsync(app, person);
        Telegram.Calls.Count(c => c.ChatId == person.TelegramId && c.Succeeded && c.Text == SupportResources.Text(SupportResources.Defaults("uk"), Msg.AlertConsentRequest, "uk", Catalogue.Instance.Get(Msg.AlertContactManager, "uk"))).ShouldBe(1);
        Telegram.Calls.Count(c => c.ChatId == person.TelegramId && c.Succeeded && c.Text == Catalogue.Instance.Get(Msg.CrisisFollowup, "uk")).ShouldBe(1);
        Telegram.MessagesTo(org.Manager.TelegramId).ShouldBeEmpty();
        await NoDeadLettersAsync(app);
    }

    /// <summary>A moment when nobody in Kyiv is in their quiet hours.</summary>
    private static DateTimeOffset NoonInKyiv() => new(DateTimeOffset.UtcNow.UtcDateTime.Date.AddHours(10).AddDays(1), TimeSpan.Zero);
}
