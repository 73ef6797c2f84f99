using Mindguard.Features.Users.Resources;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Features.Alerts;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Alerts;

public sealed class CrisisPathTests : AppsTestBase
{
    [Fact]
    public async Task Crisis_resources_come_at_once_and_talk_now_reaches_the_care_contacts_immediately()
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);
        var person = await org.EmployeeAsync(app);
        var member = (await app.Services.GetRequiredService<Members>().FindByTelegramIdAsync(person.TelegramId, CancellationToken.None))!;

        await app.Services.GetRequiredService<CrisisPath>().OpenAsync(member, CancellationToken.None);
        var resources = await Telegram.WaitForMessageAsync(person.TelegramId);
        resources.Text.ShouldBe(SupportResources.Text(SupportResources.Defaults("uk"), Msg.CrisisResources, "uk"));
        resources.Text!.ShouldContain("7333");
        resources.ButtonData.ShouldBe([CrisisPath.TalkData]);

        await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, CrisisPath.TalkData));

        // The team has a manager, so the manager is the care contact (admins only where a team has none).
        (await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text!.StartsWith("Ваших контактних осіб повідомлено")))
            .Text!.ShouldContain($"({Catalogue.Instance.Get(Msg.AlertContactManager, "uk")})");
        var toManager = await Telegram.WaitForMessageAsync(org.Manager.TelegramId);
        toManager.Text!.ShouldContain("просить поговорити");
        toManager.ButtonData.ShouldAllBe(d => d.StartsWith("al:v1:"));
        Telegram.MessagesTo(org.Admin.TelegramId).ShouldBeEmpty();
    }

    /// <summary>
    /// Runs the follow-up job at noon UTC <paramref name="days"/> days from today (a waking hour for a person
    /// in UTC), and returns the follow-up message it sent.
    /// </summary>
    private async Task<RecordedCall> FollowUpAsync(MindguardApp app, TestUser person, int days, int nth)
    {
        var noon = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(days).AddHours(12), TimeSpan.Zero);
        await ActivatorUtilities.CreateInstance<CrisisFollowUpJob>(app.Services,
            (TimeProvider)new Microsoft.Extensions.Time.Testing.FakeTimeProvider(noon)).RunAsync(CancellationToken.None);
        return (await Telegram.WaitForCallsAsync(c => c.ChatId == person.TelegramId && c.Succeeded && c.Text == Catalogue.Instance.Get(Msg.CrisisFollowup, "uk"), nth))[nth - 1];
    }

    /// <summary>A person in UTC for whom the crisis path has just opened.</summary>
    private async Task<(MindguardApp App, TestUser Person)> PersonInCrisisAsync()
    {
        var app = await StartAppAsync();
        var person = await (await Org.SeedAsync(app)).EmployeeAsync(app);
        await app.SetTimeZoneAsync(person, "UTC");
        var member = (await app.Services.GetRequiredService<Members>().FindByTelegramIdAsync(person.TelegramId, CancellationToken.None))!;
        await app.Services.GetRequiredService<CrisisPath>().OpenAsync(member, CancellationToken.None);
        return (app, person);
    }

    [Fact]
    public async Task Two_taps_on_better_on_one_follow_up_leave_it_open_and_better_on_two_days_closes_it()
    {
        var (app, person) = await PersonInCrisisAsync();
        var followUp = await FollowUpAsync(app, person, 2, 1);
        var better = followUp.ButtonData[0];
        better.ShouldStartWith(CrisisPath.BetterPrefix + ":");

        // The same button twice (a double tap, or Telegram redelivering it as a new tap) counts once.
        await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, better));
        await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, better));
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.CrisisFollowupGlad, "uk"));
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.CrisisFollowupCounted, "uk"));
        (await FollowUpStateAsync(app, person)).Closed.ShouldBeFalse();

        // "Better" on a second message the same day is still one day of feeling better.
        var sameDay = await FollowUpAsync(app, person, 3, 2);
        await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, sameDay.ButtonData[0]));
        await Telegram.WaitForCallsAsync(c => c.ChatId == person.TelegramId && c.Text == Catalogue.Instance.Get(Msg.CrisisFollowupGlad, "uk"), 2);
        (await FollowUpStateAsync(app, person)).Closed.ShouldBeFalse();

        // As if the first "better" had been yesterday: today's closes the follow-ups.
        await using (var owner = await app.OwnerConnectionAsync())
            await owner.ExecuteAsync("UPDATE crisis_followups SET last_better_on = last_better_on - 1 WHERE user_id = @Id", new { person.Id });
        var nextDay = await FollowUpAsync(app, person, 4, 3);
        await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, nextDay.ButtonData[0]));
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == SupportResources.Text(SupportResources.Defaults("uk"), Msg.CrisisFollowupClosed, "uk"));
        (await FollowUpStateAsync(app, person)).Closed.ShouldBeTrue();
    }

    [Fact]
    public async Task Still_hard_shows_the_resources_again_and_starts_the_count_again()
    {
        var (app, person) = await PersonInCrisisAsync();
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.ButtonData.Contains(CrisisPath.TalkData));
        var followUp = await FollowUpAsync(app, person, 2, 1);

        await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, followUp.ButtonData[1]));
        await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, followUp.ButtonData[1]));

        await Telegram.WaitForCallsAsync(c => c.ChatId == person.TelegramId && c.Succeeded && c.ButtonData.Contains(CrisisPath.TalkData), 2);
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.CrisisFollowupCounted, "uk"));
        Telegram.MessagesTo(person.TelegramId).Count(c => c.ButtonData.Contains(CrisisPath.TalkData)).ShouldBe(2);
    }

    [Fact]
    public async Task A_follow_up_due_in_the_night_waits_until_eight_in_the_morning_local_time()
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);
        var person = await org.EmployeeAsync(app);
        await app.SetTimeZoneAsync(person, "Europe/Kyiv");
        await using var owner = await app.OwnerConnectionAsync();
        // Due at 23:30 in Kyiv on a winter day (UTC+2).
        var due = new DateTimeOffset(2026, 12, 10, 21, 30, 0, TimeSpan.Zero);
        await owner.ExecuteAsync("INSERT INTO crisis_followups (user_id, next_at) VALUES (@Id, @due)", new { person.Id, due });
        Task RunAt(DateTimeOffset at) => ActivatorUtilities.CreateInstance<CrisisFollowUpJob>(app.Services,
            (TimeProvider)new Microsoft.Extensions.Time.Testing.FakeTimeProvider(at)).RunAsync(CancellationToken.None);

        await RunAt(due.AddMinutes(15));
        await RunAt(new DateTimeOffset(2026, 12, 11, 5, 45, 0, TimeSpan.Zero)); // 07:45 local
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE user_id = @Id", new { person.Id })).ShouldBe(0);

        await RunAt(new DateTimeOffset(2026, 12, 11, 6, 0, 0, TimeSpan.Zero)); // 08:00 local
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.CrisisFollowup, "uk"));
        // The next one is a day later, at a waking hour too.
        (await owner.ExecuteScalarAsync<DateTime>("SELECT next_at FROM crisis_followups WHERE user_id = @Id", new { person.Id }))
            .ShouldBe(new DateTime(2026, 12, 12, 6, 0, 0, DateTimeKind.Utc));
    }

    private static async Task<(int Better, bool Closed)> FollowUpStateAsync(MindguardApp app, TestUser person)
    {
        await using var owner = await app.OwnerConnectionAsync();
        return await owner.QuerySingleAsync<(int, bool)>("SELECT better, closed_at IS NOT NULL FROM crisis_followups WHERE user_id = @Id", new { person.Id });
    }

    [Fact]
    public async Task A_written_note_that_the_analysis_flags_opens_the_crisis_path()
    {
        await using var openAi = await Mindguard.Tests.Fakes.OpenAi.FakeOpenAiServer.StartAsync();
        openAi.Analysis = Mindguard.Tests.Fakes.OpenAi.FakeOpenAiServer.AnalysisJson(mood: 1, stress: 9, selfHarmRisk: true);
        var app = await StartAppAsync(s => Mindguard.Tests.Features.Voice.VoiceAppFixture.UseOpenAi(s, openAi));
        var org = await Org.SeedAsync(app);
        var person = await org.EmployeeAsync(app);
        await app.GiveDataKeyAsync(person);
        await new CheckinDriver(Telegram, person.TelegramId).CompleteAsync(app);

        await app.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "Не бачу сенсу далі"));

        var resources = await Telegram.WaitForMessageAsync(person.TelegramId, c => c.ButtonData.Contains(CrisisPath.TalkData));
        resources.Text.ShouldBe(SupportResources.Text(SupportResources.Defaults("uk"), Msg.CrisisResources, "uk"));
        openAi.RequestsTo(Mindguard.Tests.Fakes.OpenAi.AiEndpoint.ChatCompletions).ShouldHaveSingleItem();
    }
}
