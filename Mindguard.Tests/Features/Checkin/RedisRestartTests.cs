using System.Net;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Checkin;

/// <summary>
/// The drill "restart Redis in the middle of a check-in", against a Redis server of the test's own that
/// is really shut down and started again. Telegram redelivers what was answered 503 meanwhile.
/// </summary>
public sealed class RedisRestartTests : AppsTestBase
{
    private RedisServerProcess _redis = null!;
    private MindguardApp _app = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _redis = await RedisServerProcess.StartAsync();
        _app = await StartAppAsync(s => s["REDIS_URL"] = _redis.Url);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task When_redis_keeps_its_data_the_person_goes_on_where_they_were()
    {
        var (person, driver) = await MidCheckinAsync();

        await _redis.RestartAsync(keepData: true);
        await _app.RedeliverUntilAcceptedAsync(TelegramUpdates.Callback(person.TelegramId, (await driver.QuestionAsync(2)).ButtonData[0]));

        await driver.AnswerAsync(_app, 3);
        await driver.AnswerAsync(_app, 4);
        await driver.ThanksAsync();
        (await AnswerRowsAsync(person)).ShouldBe(5);
    }

    [Fact]
    public async Task When_redis_lost_its_data_the_next_tap_says_the_checkin_expired_and_no_answer_is_lost()
    {
        var (person, driver) = await MidCheckinAsync();

        await _redis.RestartAsync(keepData: false);
        await _app.RedeliverUntilAcceptedAsync(TelegramUpdates.Callback(person.TelegramId, (await driver.QuestionAsync(2)).ButtonData[0]));

        await Telegram.WaitForCallAsync(c => c.ChatId == person.TelegramId && c.Method == "editMessageText"
                                             && c.Text == Catalogue.Instance.Get(Msg.CheckinExpired, "uk"));
        (await AnswerRowsAsync(person)).ShouldBe(2);
        Telegram.Clear();
        (await _app.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/checkin"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await driver.QuestionAsync(0)).Text.ShouldStartWith("Запитання 1 з 3");
    }

    private async Task<(TestUser, CheckinDriver)> MidCheckinAsync()
    {
        var org = await Org.SeedAsync(_app);
        var person = await org.EmployeeAsync(_app);
        await _app.GiveDataKeyAsync(person);
        var driver = new CheckinDriver(Telegram, person.TelegramId);
        (await _app.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/checkin"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await driver.AnswerAsync(_app, 0);
        await driver.AnswerAsync(_app, 1);
        return (person, driver);
    }

    private async Task<long> AnswerRowsAsync(TestUser person)
    {
        await using var owner = await _app.OwnerConnectionAsync();
        return await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM checkin_answers WHERE user_id = @Id", person);
    }
}
