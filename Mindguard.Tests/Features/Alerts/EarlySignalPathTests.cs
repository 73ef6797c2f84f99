using Mindguard.Features.Users.Resources;
using System.Net;
using System.Net.Http.Json;
using Mindguard.Features.Checkin;
using Mindguard.Features.Checkin.Bank;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Alerts;

/// <summary>
/// The early signal driven from outside: a WHO-5 fall against the person's 28-day normal brings the
/// gentle private message, and the check-in ends as usual (it used to be dead-lettered, or a 500 over the API).
/// </summary>
public sealed class EarlySignalPathTests : AppsTestBase
{
    private static DateOnly TodayInKyiv() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv")).DateTime);

    /// <summary>Four good weeks, then a fortnight whose wellbeing answers are at the bottom of the scale.</summary>
    private static async Task SeedAFallAsync(MindguardApp app, TestUser person)
    {
        var today = TodayInKyiv();
        // The wellbeing scale's first option is its best ("all of the time").
        await app.SeedDaysAsync(person, 28, q => q.Metric == "who5" ? 0 : 1, lastDay: today.AddDays(-14));
        await app.SeedDaysAsync(person, 13, q => q.Metric == "who5" ? q.Options.Count - 1 : 1, lastDay: today.AddDays(-1));
    }

    private static bool IsEarlySignal(RecordedCall c) => c.Succeeded && c.Text == SupportResources.Text(SupportResources.Defaults("uk"), Msg.EarlySignal, "uk");

    [Fact]
    public async Task A_fall_in_wellbeing_brings_the_early_signal_and_the_usual_thank_you_through_the_bot()
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);
        var person = await org.EmployeeAsync(app);
        await app.GiveDataKeyAsync(person);
        await SeedAFallAsync(app, person);
        var driver = new CheckinDriver(Telegram, person.TelegramId);

        await app.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/checkin"));
        for (var i = 0; i < 5; i++)
        {
            var question = await driver.QuestionAsync(i);
            var who5 = QuestionBank.Instance.All.Any(q => q.Metric == "who5" && question.Text!.Contains(q.Text["uk"]));
            (await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, CheckinDriver.Options(question)[who5 ? ^1 : 1]))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await driver.ThanksAsync();
        await Telegram.WaitForMessageAsync(person.TelegramId, IsEarlySignal);
        Telegram.MessagesTo(org.Manager.TelegramId).ShouldNotContain(c => c.Text == SupportResources.Text(SupportResources.Defaults("uk"), Msg.EarlySignal, "uk"));
        await using var owner = await app.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM telegram_dead_letters")).ShouldBe(0);
    }

    [Fact]
    public async Task The_same_fall_submitted_over_the_api_is_a_200_and_brings_the_early_signal_once()
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);
        var person = await org.EmployeeAsync(app);
        await app.GiveDataKeyAsync(person);
        await SeedAFallAsync(app, person);
        var today = TodayInKyiv();
        var answers = DailySet.For(person.Id, today, "daily", QuestionBank.Instance)
            .Select(q => new { questionId = q.Id, value = q.Options[q.Metric == "who5" ? q.Options.Count - 1 : 1].Value }).ToList();

        var client = app.ClientWithKey(person.ApiKey);
        var first = await client.PostAsJsonAsync($"/api/me/checkins/{today:yyyy-MM-dd}/answers", answers);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("completed").GetBoolean().ShouldBeTrue();
        // A retried request finds everything recorded: no second message.
        (await client.PostAsJsonAsync($"/api/me/checkins/{today:yyyy-MM-dd}/answers", answers)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Telegram.WaitForMessageAsync(person.TelegramId, IsEarlySignal);
        await Eventually.HoldsAsync(async () =>
        {
            await using var owner = await app.OwnerConnectionAsync();
            return await owner.ExecuteScalarAsync<long>("""
                SELECT (SELECT count(*) FROM consequences WHERE user_id = @Id AND status <> 'done')
                     + (SELECT count(*) FROM outbox WHERE user_id = @Id AND status IN ('pending', 'sending'))
                """, person);
        }, n => n == 0, "the day's consequences and messages to be done", TimeSpan.FromSeconds(30));
        Telegram.MessagesTo(person.TelegramId).Count(IsEarlySignal).ShouldBe(1);
    }
}
