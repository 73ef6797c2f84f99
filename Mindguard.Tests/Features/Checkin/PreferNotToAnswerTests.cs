using System.Net.Http.Json;
using System.Text.Json;
using Mindguard.Features.Checkin;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Checkin;

/// <summary>"Prefer not to answer" on every question: the check-in moves on, the skip is kept, and nothing scores it.</summary>
public sealed class PreferNotToAnswerTests : OneOrgTestBase
{
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv")).DateTime);

    private async Task<(TestUser Person, CheckinDriver Driver)> PersonAsync()
    {
        var person = await Org.EmployeeAsync(App);
        await App.GiveDataKeyAsync(person);
        return (person, new CheckinDriver(Telegram, person.TelegramId));
    }

    private async Task<JsonElement> StatusAsync(TestUser person)
    {
        var status = await App.ClientWithKey(person.ApiKey).GetFromJsonAsync<JsonElement>("/api/me/status");
        status.GetProperty("ready").GetBoolean().ShouldBeTrue();
        return status;
    }

    private static JsonElement Metric(JsonElement status, string metric) =>
        status.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == metric);

    [Fact]
    public async Task Skipping_every_question_completes_the_day_keeps_the_skips_and_leaves_the_estimates_as_they_were()
    {
        var (person, driver) = await PersonAsync();
        await App.SeedDaysAsync(person, 12, q => q.Options.Count - 1, lastDay: Today.AddDays(-1));
        var before = (await StatusAsync(person)).GetProperty("metrics").ToString();

        await App.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/checkin"));
        for (var i = 0; i < 5; i++) await driver.PreferNotAsync(App, i);

        var thanks = await driver.ThanksAsync();
        thanks.Text.ShouldStartWith(Catalogue.Instance.Get(Msg.CheckinThanks, "uk") + "\n\n");
        Telegram.Calls.Count(c => c.ChatId == person.TelegramId && c.Method == "editMessageText"
                                  && c.Text!.EndsWith("✓ " + Catalogue.Instance.Get(Msg.CheckinPreferNot, "uk"))).ShouldBe(5);
        await using (var owner = await App.OwnerConnectionAsync())
        {
            var today = await owner.QueryAsync<(int? Value, int? Score)>(
                "SELECT value, score FROM checkin_answers WHERE user_id = @Id AND local_date = @today", new { person.Id, today = Today });
            today.Count().ShouldBe(5);
            today.ShouldAllBe(a => a.Value == null && a.Score == null);
            (await owner.ExecuteScalarAsync<bool>("SELECT completed_at IS NOT NULL FROM checkin_days WHERE user_id = @Id AND local_date = @today",
                new { person.Id, today = Today })).ShouldBeTrue();
        }
        (await StatusAsync(person)).GetProperty("metrics").ToString().ShouldBe(before);

        var client = App.ClientWithKey(person.ApiKey);
        var day = (await client.GetFromJsonAsync<JsonElement>("/api/me/checkins")).GetProperty("items")[0];
        day.GetProperty("completed").GetBoolean().ShouldBeTrue();
        day.GetProperty("answers").EnumerateArray().ShouldAllBe(a => a.GetProperty("skipped").GetBoolean() && a.GetProperty("value").ValueKind == JsonValueKind.Null);
        var exported = (await client.GetFromJsonAsync<JsonElement>("/api/me/export")).GetProperty("checkins").GetProperty("answers").EnumerateArray()
            .Where(a => a.GetProperty("localDate").GetString() == Today.ToString("yyyy-MM-dd")).ToList();
        exported.Count.ShouldBe(5);
        exported.ShouldAllBe(a => a.GetProperty("skipped").GetBoolean() && a.GetProperty("score").ValueKind == JsonValueKind.Null);

        await App.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/checkin"));
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.CheckinDoneToday, "uk"));
    }

    [Fact]
    public async Task An_instrument_with_most_items_skipped_shows_no_estimate_and_a_skipped_item_9_opens_no_crisis_path()
    {
        var (person, driver) = await PersonAsync();
        // Days long before the estimate window, so /status is ready and only today's answers are estimated.
        await App.SeedDaysAsync(person, 8, lastDay: Today.AddDays(-40));

        // The full PHQ-9 (items 1–9) then the GAD-7 (items 1–7), in that order.
        await App.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, DeepCheck.StartData));
        for (var i = 0; i < 16; i++)
        {
            var question = await driver.QuestionAsync(i);
            if (i == 8) question.Text!.ShouldContain("померти");
            if (i == 8 || i >= 11) await driver.PreferNotAsync(App, i);
            else await driver.AnswerAsync(App, i, option: 1);
        }
        await driver.ThanksAsync();

        var status = await StatusAsync(person);
        // PHQ-9: 8 of 9 items answered with 1, prorated to the full instrument (a skip scored as 0 would give 8).
        Metric(status, "phq9").GetProperty("value").GetDouble().ShouldBe(9);
        Metric(status, "phq9").GetProperty("itemsAnswered").GetInt32().ShouldBe(8);
        // GAD-7: 2 of 7 items answered, fewer than two thirds: no estimate at all.
        Metric(status, "gad7").GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
        Metric(status, "gad7").GetProperty("itemsAnswered").GetInt32().ShouldBe(2);
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM consequences WHERE user_id = @Id AND kind = 'crisis'", person)).ShouldBe(0);
        (await owner.ExecuteScalarAsync<double?>("SELECT gad7 FROM daily_estimates WHERE user_id = @Id AND local_date = @today", new { person.Id, today = Today }))
            .ShouldBeNull();
        Telegram.MessagesTo(person.TelegramId).ShouldNotContain(c => c.ButtonData.Contains(Mindguard.Features.Alerts.CrisisPath.TalkData));
    }
}
