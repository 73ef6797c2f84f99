using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Status;

public sealed class StatusFixture : AppFixture;

public sealed class StatusTests(StatusFixture fixture) : IClassFixture<StatusFixture>
{
    private MindguardApp App => fixture.App;
    private FakeTelegramServer Telegram => fixture.Telegram;

    private async Task<TestUser> PersonWithDaysAsync(int days)
    {
        var org = await Org.SeedAsync(App);
        var person = await org.EmployeeAsync(App);
        await App.SeedDaysAsync(person, days);
        return person;
    }

    private static bool IsPng(byte[] bytes) => bytes.Length > 10_000 && bytes[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });

    [Fact]
    public async Task A_weekly_person_sees_estimates_over_the_four_weeks_their_check_ins_need()
    {
        var org = await Org.SeedAsync(App);
        var person = await org.EmployeeAsync(App);
        await App.SetTimeZoneAsync(person, "Europe/Kyiv", "weekly");
        await App.SeedDaysAsync(person, 56, every: 7);

        await App.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/status"));

        var text = await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Method == "sendMessage");
        text.Text.ShouldStartWith(Catalogue.Instance.Get(Msg.StatusHeader, "uk", 28));
        var who5 = text.Text!.Split('\n').Single(l => l.Contains(Catalogue.Instance.Get("metric_who5", "uk")));
        who5.ShouldNotContain(Catalogue.Instance.Get(Msg.StatusNotEnough, "uk"));
    }

    [Fact]
    public async Task With_six_days_of_answers_status_says_how_many_days_are_left()
    {
        var person = await PersonWithDaysAsync(6);

        await App.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/status"));

        var reply = await Telegram.WaitForMessageAsync(person.TelegramId);
        reply.Text.ShouldBe(Catalogue.Instance.Get(Msg.StatusNotYet, "uk", 6, 2));
        Telegram.Calls.ShouldNotContain(c => c.ChatId == person.TelegramId && c.Method == "sendPhoto");
    }

    [Fact]
    public async Task With_eight_days_status_shows_every_metric_and_a_real_chart()
    {
        var person = await PersonWithDaysAsync(8);

        await App.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/status", languageCode: "en"));

        var text = await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Method == "sendMessage");
        text.Text.ShouldStartWith(Catalogue.Instance.Get(Msg.StatusHeader, "uk", 14));
        foreach (var metric in new[] { "who5", "phq9", "gad7", "burnout", "stress", "sleep_hours", "wlb", "mood" })
            text.Text.ShouldContain(Catalogue.Instance.Get("metric_" + metric, "uk"));
        text.Text.ShouldContain(Catalogue.Instance.Get(Msg.StatusDisclaimer, "uk"));
        text.Text.ShouldContain("Psychiatric Research Unit, WHO Collaborating Centre in Mental Health, Frederiksborg General Hospital");
        var photo = await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Method == "sendPhoto");
        IsPng(photo.Files["photo"]).ShouldBeTrue();
    }

    [Fact]
    public async Task The_api_serves_the_same_status_and_chart()
    {
        var early = await PersonWithDaysAsync(3);
        var ready = await PersonWithDaysAsync(10);

        var notYet = await App.ClientWithKey(early.ApiKey).GetFromJsonAsync<JsonElement>("/api/me/status");
        notYet.GetProperty("ready").GetBoolean().ShouldBeFalse();
        notYet.GetProperty("daysWithAnswers").GetInt32().ShouldBe(3);
        (await App.ClientWithKey(early.ApiKey).GetAsync("/api/me/status/chart.png")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var status = await App.ClientWithKey(ready.ApiKey).GetFromJsonAsync<JsonElement>("/api/me/status");
        status.GetProperty("ready").GetBoolean().ShouldBeTrue();
        var mood = status.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "mood");
        mood.GetProperty("value").GetDouble().ShouldBe(2);
        var chart = await App.ClientWithKey(ready.ApiKey).GetAsync("/api/me/status/chart.png");
        chart.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        IsPng(await chart.Content.ReadAsByteArrayAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task History_lists_recent_check_ins_compactly()
    {
        var person = await PersonWithDaysAsync(3);

        await App.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/history"));

        var reply = await Telegram.WaitForMessageAsync(person.TelegramId);
        reply.Text!.Split('\n').Length.ShouldBe(4);
        reply.Text.ShouldContain("відповідей 5, настрій 2/5");
    }
}
