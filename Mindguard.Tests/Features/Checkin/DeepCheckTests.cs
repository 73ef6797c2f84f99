using Mindguard.Features.Users.Resources;
using Mindguard.Features.Alerts;
using Mindguard.Features.Checkin;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Checkin;

public sealed class DeepCheckTests : AppsTestBase
{
    [Fact]
    public async Task Moderate_estimates_bring_an_offer_and_item_9_above_zero_shows_crisis_resources_at_once()
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);
        var person = await org.EmployeeAsync(app);
        await app.GiveDataKeyAsync(person);
        await app.SeedDaysAsync(person, 14, q => q.Metric is "phq9" or "gad7" ? 2 : 1, lastDay: DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1)));
        var driver = new CheckinDriver(Telegram, person.TelegramId);

        await app.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/checkin"));
        for (var i = 0; i < 5; i++) await driver.AnswerAsync(app, i, option: 2);
        var offer = await Telegram.WaitForMessageAsync(person.TelegramId, c => c.ButtonData.Contains(DeepCheck.StartData));
        offer.Text.ShouldBe(Catalogue.Instance.Get(Msg.DeepCheckOffer, "uk"));

        Telegram.Clear();
        await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, DeepCheck.StartData));
        var first = await driver.QuestionAsync(0);
        var total = int.Parse(first.Text!.Split('\n')[0].Split(' ')[^1]);
        total.ShouldBeGreaterThan(10);
        for (var i = 0; i < total; i++)
        {
            var question = await driver.QuestionAsync(i);
            var isItem9 = question.Text!.Contains("померти");
            await driver.AnswerAsync(app, i, option: isItem9 ? 1 : 0);
            if (isItem9)
            {
                var resources = await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == SupportResources.Text(SupportResources.Defaults("uk"), Msg.CrisisResources, "uk"));
                resources.ButtonData.ShouldBe([CrisisPath.TalkData]);
            }
        }
        await using var owner = await app.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<int>("SELECT value FROM checkin_answers WHERE user_id = @Id AND question_id = 'phq9.9'", person)).ShouldBe(1);
    }
}
