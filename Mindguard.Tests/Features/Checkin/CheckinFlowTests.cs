using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mindguard.Features.Checkin;
using Mindguard.Features.Checkin.Jobs;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;
using StackExchange.Redis;

namespace Mindguard.Tests.Features.Checkin;

public sealed class CheckinFlowTests : OneOrgTestBase
{
    private async Task<(TestUser Person, CheckinDriver Driver)> PersonAsync()
    {
        var person = await Org.EmployeeAsync(App);
        await App.GiveDataKeyAsync(person);
        return (person, new CheckinDriver(Telegram, person.TelegramId));
    }

    private async Task<long> AnswerRowsAsync(TestUser person)
    {
        await using var owner = await App.OwnerConnectionAsync();
        return await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM checkin_answers WHERE user_id = @Id", person);
    }

    private Task<HttpResponseMessage> SayAsync(TestUser person, string text, MindguardApp? app = null) =>
        (app ?? App).PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, text));

    private Task<HttpResponseMessage> TapAsync(TestUser person, string data, MindguardApp? app = null) =>
        (app ?? App).PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, data));

    [Fact]
    public async Task The_daily_prompt_leads_through_five_questions_to_a_thank_you()
    {
        var (person, driver) = await PersonAsync();
        var now = DateTimeOffset.UtcNow;
        await using (var owner = await App.OwnerConnectionAsync())
            await owner.ExecuteAsync("UPDATE users SET checkin_time = '00:00' WHERE id = @Id", person);

        await ActivatorUtilities.CreateInstance<DispatchDueCheckinsJob>(App.Services, (TimeProvider)new FakeTimeProvider(now)).RunAsync(CancellationToken.None);
        var prompt = await Telegram.WaitForMessageAsync(person.TelegramId);
        prompt.Text.ShouldBe(Catalogue.Instance.Get(Msg.CheckinPrompt, "uk"));
        prompt.ButtonData.ShouldBe([CheckinMessages.StartData]);

        await TapAsync(person, CheckinMessages.StartData);
        (await driver.QuestionAsync(0)).Text.ShouldStartWith("Запитання 1 з 5");
        for (var i = 0; i < 5; i++) await driver.AnswerAsync(App, i, option: 1);

        var thanks = await driver.ThanksAsync();
        thanks.Text.ShouldStartWith("Дякую, що знайшли хвилину. Ваш настрій сьогодні: 2/5");
        (await AnswerRowsAsync(person)).ShouldBe(5);
        Telegram.Calls.Count(c => c.ChatId == person.TelegramId && c.Method == "editMessageText" && c.Text!.Contains("✓")).ShouldBe(5);
        await using var check = await App.OwnerConnectionAsync();
        (await check.ExecuteScalarAsync<bool>("SELECT completed_at IS NOT NULL FROM checkin_days WHERE user_id = @Id", person)).ShouldBeTrue();

        await SayAsync(person, "/checkin");
        (await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.CheckinDoneToday, "uk"))).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_session_survives_a_restart_of_the_app_and_continues_where_it_was()
    {
        var (person, driver) = await PersonAsync();
        await SayAsync(person, "/checkin");
        await driver.AnswerAsync(App, 0);
        await driver.AnswerAsync(App, 1);
        await driver.QuestionAsync(2);
        var prefix = App.RedisKeyPrefix;
        var database = App.DatabaseUrl;
        await App.DisposeAsync();

        var restarted = await StartAppAsync(s => s["REDIS_KEY_PREFIX"] = prefix, database);
        await driver.AnswerAsync(restarted, 2);
        await driver.AnswerAsync(restarted, 3);
        await driver.AnswerAsync(restarted, 4);

        await driver.ThanksAsync();
        await using var owner = await restarted.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM checkin_answers WHERE user_id = @Id", person)).ShouldBe(5);
    }

    [Fact]
    public async Task Two_replicas_handle_answers_of_the_same_session()
    {
        var (person, driver) = await PersonAsync();
        var other = await StartAppAsync(s => s["REDIS_KEY_PREFIX"] = App.RedisKeyPrefix, App.DatabaseUrl);

        await SayAsync(person, "/checkin", other);
        for (var i = 0; i < 5; i++) await driver.AnswerAsync(i % 2 == 0 ? App : other, i);

        await driver.ThanksAsync();
        (await AnswerRowsAsync(person)).ShouldBe(5);
    }

    [Fact]
    public async Task An_expired_session_gets_a_clear_message_and_a_new_checkin_asks_only_what_is_left()
    {
        var (person, driver) = await PersonAsync();
        await SayAsync(person, "/checkin");
        await driver.AnswerAsync(App, 0);
        await driver.AnswerAsync(App, 1);
        var third = await driver.QuestionAsync(2);
        await ExpireSessionsAsync();

        await TapAsync(person, third.ButtonData[0]);

        var expired = await Telegram.WaitForCallAsync(c => c.ChatId == person.TelegramId && c.Method == "editMessageText" && c.Text == Catalogue.Instance.Get(Msg.CheckinExpired, "uk"));
        expired.ButtonData.ShouldBeEmpty();
        (await AnswerRowsAsync(person)).ShouldBe(2);

        Telegram.Clear();
        await SayAsync(person, "/checkin");
        (await driver.QuestionAsync(0)).Text.ShouldStartWith("Запитання 1 з 3");
        for (var i = 0; i < 3; i++) await driver.AnswerAsync(App, i);
        await driver.ThanksAsync();
        (await AnswerRowsAsync(person)).ShouldBe(5);
    }

    [Fact]
    public async Task A_double_tap_is_stored_once_and_acknowledged()
    {
        var (person, driver) = await PersonAsync();
        await SayAsync(person, "/checkin");
        var data = (await driver.QuestionAsync(0)).ButtonData[2];

        await TapAsync(person, data);
        await TapAsync(person, data);

        await Telegram.WaitForCallAsync(c => c.Method == "answerCallbackQuery" && c.Text == Catalogue.Instance.Get(Msg.CheckinAlreadyAnswered, "uk"));
        (await AnswerRowsAsync(person)).ShouldBe(1);
        Telegram.Calls.Count(c => c.ChatId == person.TelegramId && c.Method == "sendMessage" && c.Text!.StartsWith("Запитання 2")).ShouldBe(1);
    }

    [Theory]
    [InlineData("ci:v1:{sid}:0:999")]
    [InlineData("ci:v1:{sid}:3:1")]
    [InlineData("ci:v1:{sid}:-1:1")]
    [InlineData("ci:v2:{sid}:0:1")]
    [InlineData("ci:v1:{sid}:0:1:extra")]
    [InlineData("ci:v1:nosuchsession:0:1")]
    [InlineData("ci:v1:{sid}:zero:1")]
    [InlineData("ci:v1:{sid}:3:pass")]
    [InlineData("ci:v1:{sid}:0:back")]
    [InlineData("ci:v1:{sid}:1:back")]
    [InlineData("ci:v1:{sid}:0:Pass")]
    public async Task Forged_callbacks_are_refused_and_store_nothing(string forged)
    {
        var (person, driver) = await PersonAsync();
        await SayAsync(person, "/checkin");
        var sid = (await driver.QuestionAsync(0)).ButtonData[0].Split(':')[2];

        (await TapAsync(person, forged.Replace("{sid}", sid))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Telegram.WaitForCallAsync(c => c.Method is "answerCallbackQuery" or "editMessageText" && c.ChatId is null or > 0);
        (await AnswerRowsAsync(person)).ShouldBe(0);
    }

    [Fact]
    public async Task Someone_elses_session_cannot_be_answered()
    {
        var (owner, driver) = await PersonAsync();
        var (intruder, _) = await PersonAsync();
        await SayAsync(owner, "/checkin");
        var data = (await driver.QuestionAsync(0)).ButtonData[0];

        await TapAsync(intruder, data);

        await Telegram.WaitForCallAsync(c => c.Method == "answerCallbackQuery" && c.Text == Catalogue.Instance.Get(Msg.CheckinInvalidButton, "uk"));
        (await AnswerRowsAsync(owner)).ShouldBe(0);
        (await AnswerRowsAsync(intruder)).ShouldBe(0);
    }

    [Fact]
    public async Task The_optional_note_is_stored_encrypted_under_the_persons_key()
    {
        var (person, driver) = await PersonAsync();
        await SayAsync(person, "/checkin");
        for (var i = 0; i < 5; i++) await driver.AnswerAsync(App, i);
        await driver.ThanksAsync();

        await SayAsync(person, "Важкий тиждень, але тримаюся");

        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.CheckinNoteSaved, "uk"));
        await using var owner = await App.OwnerConnectionAsync();
        var row = await owner.QuerySingleAsync<(byte[] Note, string Date, byte[] DataKey)>(
            "SELECT n.note, n.local_date::text, u.data_key FROM checkin_notes n JOIN users u ON u.id = n.user_id WHERE n.user_id = @Id", person);
        Encoding.UTF8.GetString(row.Note).ShouldNotContain("тиждень");
        var cipher = App.Services.GetRequiredService<PersonCipher>();
        cipher.Decrypt(person.Id, row.DataKey, row.Note, CheckinStore.NoteContext(person.Id, DateOnly.Parse(row.Date))).ShouldBe("Важкий тиждень, але тримаюся");

        await SayAsync(person, "this is not a note any more");
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.UnknownInput, "uk"));
    }

    private async Task ExpireSessionsAsync()
    {
        // What Redis does when the TTL runs out: the session keys are gone.
        var redis = App.Services.GetRequiredService<IConnectionMultiplexer>();
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        await foreach (var key in server.KeysAsync(pattern: App.RedisKeyPrefix + "checkin:*"))
            await redis.GetDatabase().KeyDeleteAsync(key);
    }
}
