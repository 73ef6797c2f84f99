using Mindguard.Features.Alerts;
using Mindguard.Features.Checkin;
using Mindguard.Features.Checkin.Bank;
using Mindguard.Features.Users.Resources;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Checkin;

/// <summary>"Change my last answer" while the check-in is open: the question is asked again, the new answer replaces the old one.</summary>
public sealed class ChangeLastAnswerTests : OneOrgTestBase
{
    private async Task<(TestUser Person, CheckinDriver Driver)> PersonAsync()
    {
        var person = await Org.EmployeeAsync(App);
        await App.GiveDataKeyAsync(person);
        return (person, new CheckinDriver(Telegram, person.TelegramId));
    }

    private Task<HttpResponseMessage> TapAsync(TestUser person, string data) => App.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, data));

    private async Task<IReadOnlyList<(string QuestionId, int? Value)>> AnswersAsync(TestUser person)
    {
        await using var owner = await App.OwnerConnectionAsync();
        return (await owner.QueryAsync<(string, int?)>("SELECT question_id, value FROM checkin_answers WHERE user_id = @Id ORDER BY id", person)).ToList();
    }

    private int Sent(TestUser person, Func<RecordedCall, bool> predicate) =>
        Telegram.Calls.Count(c => c.ChatId == person.TelegramId && c.Method == "sendMessage" && c.Succeeded && predicate(c));

    private static bool IsQuestion(RecordedCall c, int index) =>
        c.ButtonData.Count > 0 && c.ButtonData.All(d => d.Split(':') is [_, _, _, var i, _] && i == index.ToString());

    /// <summary>
    /// /checkin in the middle of a check-in sends the current question again, so a second copy of it,
    /// with its own "change" button, can stay on screen. Tapping that button while its answer is already
    /// being changed must not step back once more: that would drop the change in progress, and the
    /// question would later be asked as new while its first answer stayed stored (an item-9 change lost).
    /// </summary>
    [Fact]
    public async Task A_change_in_progress_is_not_dropped_by_the_change_button_of_an_older_copy()
    {
        var (person, driver) = await PersonAsync();
        await App.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/checkin"));
        await driver.AnswerAsync(App, 0, option: 0);
        var copyA = await driver.QuestionAsync(1);
        await App.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/checkin"));
        var copyB = await Telegram.WaitForCallAsync(c => c.ChatId == person.TelegramId && c.Method == "sendMessage" && c.Succeeded
                                                         && IsQuestion(c, 1) && c.At > copyA.At);
        await TapAsync(person, CheckinDriver.Options(copyA)[0]);
        await driver.ChangeLastAsync(App, await driver.QuestionAsync(2));
        var again = await driver.AskedAgainAsync(1);

        (await TapAsync(person, copyB.ButtonData.Single(d => d.EndsWith(":back")))).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        var newChoice = CheckinDriver.Options(again)[^1];
        await TapAsync(person, newChoice);

        var secondId = QuestionBank.Instance.All.Single(q => copyA.Text!.Contains(q.Text["uk"])).Id;
        (await AnswersAsync(person)).Single(a => a.QuestionId == secondId).Value.ShouldBe(int.Parse(newChoice.Split(':')[^1]));
        Sent(person, c => c.Text!.Contains(Catalogue.Instance.Get(Msg.CheckinChangePrompt, "uk", "\0").Split('\0')[0]) && IsQuestion(c, 0)).ShouldBe(0);
    }

    [Fact]
    public async Task A_changed_answer_replaces_the_first_once_however_often_it_is_tapped_and_the_checkin_carries_on()
    {
        var (person, driver) = await PersonAsync();
        await App.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/checkin"));
        (await driver.QuestionAsync(0)).ButtonData.ShouldNotContain(d => d.EndsWith(":back"));
        await driver.AnswerAsync(App, 0, option: 0);
        var second = await driver.QuestionAsync(1);
        var firstId = (await AnswersAsync(person)).Single().QuestionId;

        var back = await driver.ChangeLastAsync(App, second);
        await TapAsync(person, back);
        var again = await driver.AskedAgainAsync(0);
        again.ButtonData.ShouldNotContain(d => d.EndsWith(":back"));
        again.ButtonData.ShouldContain(d => d.EndsWith(":pass"));
        var newChoice = CheckinDriver.Options(again)[2];
        await TapAsync(person, newChoice);
        await TapAsync(person, newChoice);
        await TapAsync(person, CheckinDriver.Options(again)[1]);

        await Telegram.WaitForCallAsync(c => c.Method == "answerCallbackQuery" && c.Text == Catalogue.Instance.Get(Msg.CheckinAlreadyAnswered, "uk"));
        await Eventually.HoldsAsync(() => Task.FromResult(Sent(person, c => IsQuestion(c, 1))), n => n == 2, "question 2 to be asked again after the change");
        Sent(person, c => c.Text!.Contains(Catalogue.Instance.Get(Msg.CheckinChangePrompt, "uk", "").Split(':')[0])).ShouldBe(1);
        (await AnswersAsync(person)).ShouldBe([(firstId, int.Parse(newChoice.Split(':')[^1]))]);

        for (var i = 1; i < 5; i++) await driver.AnswerAsync(App, i);
        await driver.ThanksAsync();
        var answers = await AnswersAsync(person);
        answers.Count.ShouldBe(5);
        answers[0].ShouldBe((firstId, int.Parse(newChoice.Split(':')[^1])));
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<int>("SELECT score FROM checkin_answers WHERE user_id = @Id AND question_id = @firstId", new { person.Id, firstId }))
            .ShouldBe(QuestionBank.Instance[firstId].Score(int.Parse(newChoice.Split(':')[^1])));
    }

    [Fact]
    public async Task The_last_answer_can_be_changed_from_the_thank_you_and_the_completed_day_is_looked_at_again()
    {
        var (person, driver) = await PersonAsync();
        await App.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/checkin"));
        for (var i = 0; i < 5; i++) await driver.AnswerAsync(App, i, option: 0);
        var thanks = await driver.ThanksAsync();
        var lastId = (await AnswersAsync(person))[^1].QuestionId;

        await driver.ChangeLastAsync(App, thanks);
        var again = await driver.AskedAgainAsync(4);
        await driver.PreferNotAsync(App, 4);

        await Eventually.HoldsAsync(() => Task.FromResult(Sent(person, c => c.ButtonData.Any(d => d.EndsWith(":skip")))), n => n == 2, "the thank-you after the change");
        again.Text!.ShouldContain(Catalogue.Instance.Get(Msg.CheckinChangePrompt, "uk", QuestionBank.Instance[lastId].Options[0].Label["uk"]));
        (await AnswersAsync(person))[^1].ShouldBe((lastId, null));
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<bool>("SELECT completed_at IS NOT NULL FROM checkin_days WHERE user_id = @Id", person)).ShouldBeTrue();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM consequences WHERE user_id = @Id AND kind = 'evaluate_alerts'", person)).ShouldBe(2);

        // Once the note is skipped the check-in is over: the thank-you's button changes nothing any more.
        var second = Telegram.Calls.Last(c => c.ChatId == person.TelegramId && c.Method == "sendMessage" && c.ButtonData.Any(d => d.EndsWith(":skip")));
        await TapAsync(person, second.ButtonData.Single(d => d.EndsWith(":skip")));
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.CheckinNoteSkipped, "uk"));
        await TapAsync(person, second.ButtonData.Single(d => d.EndsWith(":back")));
        await Telegram.WaitForCallAsync(c => c.Method == "answerCallbackQuery" && c.Text == Catalogue.Instance.Get(Msg.CheckinChangeClosed, "uk"));
        (await AnswersAsync(person))[^1].ShouldBe((lastId, null));
    }

    [Fact]
    public async Task Changing_item_9_above_zero_opens_the_crisis_path_and_changing_it_back_does_not_undo_it()
    {
        var (person, driver) = await PersonAsync();
        var resources = SupportResources.Text(SupportResources.Defaults("uk"), Msg.CrisisResources, "uk");
        await TapAsync(person, DeepCheck.StartData);
        for (var i = 0; i < 9; i++) await driver.AnswerAsync(App, i, option: 0);
        var afterItem9 = await driver.QuestionAsync(9);

        await driver.ChangeLastAsync(App, afterItem9);
        var item9 = await driver.AskedAgainAsync(8);
        item9.Text!.ShouldContain("померти");
        await TapAsync(person, CheckinDriver.Options(item9)[1]);

        var crisis = await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == resources);
        crisis.ButtonData.ShouldBe([CrisisPath.TalkData]);
        await Eventually.HoldsAsync(() => Task.FromResult(Sent(person, c => IsQuestion(c, 9))), n => n == 2, "the check-in to carry on after the change");

        var resent = Telegram.Calls.Last(c => c.ChatId == person.TelegramId && c.Method == "sendMessage" && IsQuestion(c, 9));
        await driver.ChangeLastAsync(App, resent);
        await Eventually.HoldsAsync(() => Task.FromResult(Sent(person, c => IsQuestion(c, 8) && c.Text!.Contains("померти"))), n => n == 3, "item 9 asked again");
        var secondTime = Telegram.Calls.Last(c => c.ChatId == person.TelegramId && c.Method == "sendMessage" && IsQuestion(c, 8));
        await TapAsync(person, CheckinDriver.Options(secondTime)[0]);

        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.CheckinCrisisStays, "uk"));
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<int>("SELECT value FROM checkin_answers WHERE user_id = @Id AND question_id = 'phq9.9'", person)).ShouldBe(0);
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM consequences WHERE user_id = @Id AND kind = 'crisis'", person)).ShouldBe(1);
        Sent(person, c => c.Text == resources).ShouldBe(1);
    }
}
