using System.Net;
using System.Net.Http.Json;
using Mindguard.Features.Wall.Bot;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Wall;

/// <summary>Who may see and write on the wall: the anonymity threshold and the daily limit, in the bot and the API.</summary>
public sealed class WallAccessTests : WallBotTestBase
{
    [Fact]
    public async Task An_organisation_below_the_anonymity_threshold_sees_an_explanation_in_the_bot_and_the_api()
    {
        var small = await Org.SeedAsync(App);
        var person = await small.EmployeeAsync(App);
        var driver = Driver(person);
        var closed = T(Msg.WallClosed, 5);

        await driver.SayAsync("/wall");
        (await Telegram.WaitForMessageAsync(person.TelegramId)).Text.ShouldBe(closed);
        (await driver.ReadAsync()).Text.ShouldBe(closed);
        await driver.TapAsync(WallCallback.WriteData);
        await Telegram.WaitForCallsAsync(c => c.ChatId == person.TelegramId && c.Text == closed, 3);

        var client = App.ClientWithKey(person.ApiKey);
        var read = await client.GetAsync("/api/wall/posts");
        read.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        read.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await read.Content.ReadAsStringAsync()).ShouldContain("at least 5 active members");
        (await client.PostAsJsonAsync("/api/wall/posts", new { text = "Нас лише троє", category = "other" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PostRowsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_wall_opens_when_the_organisation_reaches_the_threshold_and_closes_when_it_falls_below()
    {
        var author = Driver(Company.Employees[0]);
        await author.PublishAsync("Видно лише, коли нас достатньо");
        await App.ReleaseAsync();
        await using (var owner = await App.OwnerConnectionAsync())
            await owner.ExecuteAsync("UPDATE users SET active = false WHERE id = @Id", Company.Employees[2]);

        (await Driver(Company.Employees[1]).ReadAsync()).Text.ShouldBe(T(Msg.WallClosed, 5));

        await Company.Org.EmployeeAsync(App);
        (await Driver(Company.Employees[1]).ReadAsync()).Text!.ShouldContain("Видно лише, коли нас достатньо");
    }

    [Fact]
    public async Task Posting_past_the_daily_limit_gets_a_clear_message_in_the_bot_and_429_in_the_api()
    {
        var person = Company.Employees[0];
        var client = App.ClientWithKey(person.ApiKey);
        for (var i = 0; i < 3; i++)
            (await client.PostAsJsonAsync("/api/wall/posts", new { text = $"Допис {i}", category = "workload" })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var refused = await client.PostAsJsonAsync("/api/wall/posts", new { text = "Четвертий", category = "workload" });
        refused.StatusCode.ShouldBe((HttpStatusCode)429);
        int.Parse(refused.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(23 * 3600, 24 * 3600);
        var driver = Driver(person);
        await driver.TapAsync(WallCallback.WriteData);

        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == T(Msg.WallLimitReached, 3, 24));
        (await PostRowsAsync()).ShouldBe(3);
        // Someone else's limit is their own.
        (await App.ClientWithKey(Company.Employees[1].ApiKey).PostAsJsonAsync("/api/wall/posts", new { text = "Мій перший", category = "other" }))
            .StatusCode.ShouldBe(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_limit_reached_between_writing_and_publishing_is_explained_and_nothing_is_stored()
    {
        var person = Company.Employees[0];
        var driver = Driver(person);
        var (messageId, publish) = await driver.DraftAsync("Поки я писав, ліміт вичерпався");
        var client = App.ClientWithKey(person.ApiKey);
        for (var i = 0; i < 3; i++) await client.PostAsJsonAsync("/api/wall/posts", new { text = $"Допис {i}", category = "workload" });

        await driver.TapAsync(publish, messageId);

        await driver.EditAsync(messageId, c => c.Text == T(Msg.WallLimitReached, 3, 24));
        (await PostRowsAsync()).ShouldBe(3);
    }
}
