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

        await app.Services.GetRequiredService<CrisisPath>().StartAsync(member, person.TelegramId, CrisisSource.FreeText, CancellationToken.None);
        var resources = await Telegram.WaitForMessageAsync(person.TelegramId);
        resources.Text.ShouldBe(Catalogue.Instance.Get(Msg.CrisisResources, "uk"));
        resources.Text.ShouldContain("7333");
        resources.ButtonData.ShouldBe([CrisisPath.TalkData]);

        await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, CrisisPath.TalkData));

        (await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text!.StartsWith("Я повідомив"))).Text.ShouldContain("(2)");
        (await Telegram.WaitForMessageAsync(org.Manager.TelegramId)).Text.ShouldContain("просить поговорити");
        await Telegram.WaitForMessageAsync(org.Admin.TelegramId);
    }

    [Fact]
    public async Task The_next_day_someone_asks_again_and_one_better_does_not_end_it()
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);
        var person = await org.EmployeeAsync(app);
        var member = (await app.Services.GetRequiredService<Members>().FindByTelegramIdAsync(person.TelegramId, CancellationToken.None))!;
        await app.Services.GetRequiredService<CrisisPath>().StartAsync(member, person.TelegramId, CrisisSource.VoiceNote, CancellationToken.None);
        Task RunAt(TimeSpan later) => ActivatorUtilities.CreateInstance<CrisisFollowUpJob>(app.Services,
            (TimeProvider)new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow + later)).RunAsync(CancellationToken.None);
        bool IsFollowUp(RecordedCall c) => c.Text == Catalogue.Instance.Get(Msg.CrisisFollowup, "uk");

        await RunAt(TimeSpan.FromHours(12));
        await RunAt(TimeSpan.FromHours(25));
        (await Telegram.WaitForMessageAsync(person.TelegramId, IsFollowUp)).ButtonData.ShouldBe([CrisisPath.BetterData, CrisisPath.HardData]);
        await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, CrisisPath.BetterData));
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.CrisisFollowupGlad, "uk"));

        await RunAt(TimeSpan.FromHours(50));
        await Telegram.WaitForCallsAsync(c => c.ChatId == person.TelegramId && IsFollowUp(c), 2);
        await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, CrisisPath.BetterData));
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.CrisisFollowupClosed, "uk"));

        await RunAt(TimeSpan.FromDays(5));
        await using var owner = await app.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE user_id = @Id AND payload->>'text' = @text",
            new { person.Id, text = Catalogue.Instance.Get(Msg.CrisisFollowup, "uk") })).ShouldBe(2);
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
        var driver = new CheckinDriver(Telegram, person.TelegramId);
        await app.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/checkin"));
        for (var i = 0; i < 5; i++) await driver.AnswerAsync(app, i);
        await driver.ThanksAsync();

        await app.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "Не бачу сенсу далі"));

        var resources = await Telegram.WaitForMessageAsync(person.TelegramId, c => c.ButtonData.Contains(CrisisPath.TalkData));
        resources.Text.ShouldBe(Catalogue.Instance.Get(Msg.CrisisResources, "uk"));
        openAi.RequestsTo(Mindguard.Tests.Fakes.OpenAi.AiEndpoint.ChatCompletions).ShouldHaveSingleItem();
    }
}
