using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mindguard.Features.Wall;
using Mindguard.Features.Wall.Bot;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Wall;

/// <summary>The wall as people use it in Telegram, through the real webhook, PostgreSQL and Redis.</summary>
public sealed class WallBotTests : WallBotTestBase
{
    [Fact]
    public async Task Wall_explains_the_rules_and_offers_to_write_or_read()
    {
        var person = Driver(Company.Employees[0]);

        await person.SayAsync("/wall");

        var rules = await Telegram.WaitForMessageAsync(person.TelegramId);
        rules.Text.ShouldBe(WallMessages.Rules("uk", 5, new WallOptions()));
        rules.Text!.ShouldContain("від 1 до 6 год");
        rules.ButtonData.ShouldBe([WallCallback.WriteData, WallCallback.ReadData()]);
    }

    [Fact]
    public async Task A_post_written_in_the_bot_is_invisible_until_the_release_job_releases_it()
    {
        var author = Driver(Company.Employees[0]);
        var reader = Driver(Company.Employees[1]);
        const string words = "Нам обіцяли відпустки влітку, а тепер мовчать";

        await author.PublishAsync(words, "management");

        (await reader.ReadAsync()).Text.ShouldBe(T(Msg.WallEmpty));
        await App.ReleaseAsync(after: TimeSpan.Zero);
        await App.ReleaseAsync(after: TimeSpan.FromMinutes(59));
        (await reader.ReadAsync()).Text.ShouldBe(T(Msg.WallEmpty));
        var api = await App.ClientWithKey(Company.Employees[1].ApiKey).GetFromJsonAsync<JsonElement>("/api/wall/posts");
        api.GetProperty("items").GetArrayLength().ShouldBe(0);

        await App.ReleaseAsync();

        var page = await reader.ReadAsync();
        page.Text!.ShouldContain(words);
        page.Text!.ShouldContain(T(Msg.WallCategoryManagement));
        page.ButtonData.Single().ShouldStartWith("wall:v1:flag:");
        api = await App.ClientWithKey(Company.Employees[1].ApiKey).GetFromJsonAsync<JsonElement>("/api/wall/posts");
        var post = api.GetProperty("items").EnumerateArray().Single();
        post.GetProperty("text").GetString().ShouldBe(words);
        post.GetProperty("category").GetString().ShouldBe("management");
    }

    [Fact]
    public async Task Cancelling_a_draft_stores_nothing_and_its_buttons_stop_working()
    {
        var author = Driver(Company.Employees[0]);
        var (messageId, publish) = await author.DraftAsync("Передумаю, мабуть");

        await author.TapAsync(WallCallback.CancelData(publish.Split(':')[3]), messageId);
        await author.EditAsync(messageId, c => c.Text == T(Msg.WallCancelled));
        await author.TapAsync(publish, messageId);

        await author.EditAsync(messageId, c => c.Text == T(Msg.WallDraftExpired));
        (await PostRowsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_double_tap_on_publish_publishes_once()
    {
        var author = Driver(Company.Employees[0]);
        var (messageId, publish) = await author.DraftAsync("Двічі натиснув від хвилювання");

        await Task.WhenAll(author.TapAsync(publish, messageId), author.TapAsync(publish, messageId));

        await author.EditAsync(messageId, c => c.ButtonData.Any(d => d.StartsWith("wall:v1:del:")));
        (await PostRowsAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task A_post_longer_than_the_limit_is_refused_and_a_shorter_one_is_taken()
    {
        var author = Driver(Company.Employees[0]);
        await author.TapAsync(WallCallback.WriteData);

        await author.SayAsync(new string('а', WallOptions.MaxLength + 1));
        await Telegram.WaitForMessageAsync(author.TelegramId, c => c.Text == T(Msg.WallTooLong, WallOptions.MaxLength + 1, WallOptions.MaxLength));
        await author.SayAsync("Коротше: втомився");

        await author.PreviewAsync("Коротше: втомився");
    }

    [Theory]
    [InlineData("wall:v2:write")]
    [InlineData("wall:v1:write:now")]
    [InlineData("wall:v1:read:0")]
    [InlineData("wall:v1:read:-3")]
    [InlineData("wall:v1:read:007")]
    [InlineData("wall:v1:cat:{draft}:salary")]
    [InlineData("wall:v1:cat:{draft}")]
    [InlineData("wall:v1:pub:{draft}x")]
    [InlineData("wall:v1:pub:abc")]
    [InlineData("wall:v1:del:short")]
    [InlineData("wall:v1:delok:AAAAAAAAAAAAAAAAAAAAAAA!")]
    [InlineData("wall:v1:delok:AAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("wall:v1:flag:not-a-post")]
    [InlineData("wall:v1:flag:0193A5B000007000800000000000000A")]
    public async Task Forged_wall_buttons_are_refused_and_change_nothing(string forged)
    {
        var author = Driver(Company.Employees[0]);
        var (_, publish) = await author.DraftAsync("Чернетка, яку ніхто не опублікує");

        await author.TapAsync(forged.Replace("{draft}", publish.Split(':')[3]));

        await Telegram.WaitForCallAsync(c => c.Method == "answerCallbackQuery" && c.Text == T(Msg.WallInvalidButton));
        (await PostRowsAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Three_flags_from_different_members_hide_a_post_and_one_member_counts_once()
    {
        await Driver(Company.Employees[0]).PublishAsync("Хтось точно поскаржиться");
        await App.ReleaseAsync();
        var first = Driver(Company.Employees[1]);
        var flag = (await first.ReadAsync()).ButtonData.Single();

        await first.TapAsync(flag);
        await first.TapAsync(flag);
        await Telegram.WaitForCallAsync(c => c.Method == "answerCallbackQuery" && c.Text == T(Msg.WallAlreadyFlagged));
        await Driver(Company.Employees[2]).TapAsync(flag);
        (await Driver(Company.Employees[2]).ReadAsync()).Text!.ShouldContain("Хтось точно поскаржиться");
        await Driver(Company.Org.Manager).TapAsync(flag);

        Telegram.Calls.Count(c => c.Method == "answerCallbackQuery" && c.Text == T(Msg.WallFlagged)).ShouldBe(3);
        (await first.ReadAsync()).Text.ShouldBe(T(Msg.WallEmpty));
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.QuerySingleAsync<(string, int)>("SELECT hidden, flag_count FROM wall_posts")).ShouldBe(("flags", 3));
        await Driver(Company.Admin).TapAsync(flag);
        await Telegram.WaitForCallAsync(c => c.Method == "answerCallbackQuery" && c.Text == T(Msg.WallFlagUnavailable));
    }

    [Fact]
    public async Task Reading_pages_through_older_posts_in_place()
    {
        for (var i = 1; i <= 4; i++) await Driver(Company.Employees[i % 3]).PublishAsync($"Допис номер {i}");
        await App.ReleaseAsync();
        var reader = Driver(Company.Admin);

        var first = await reader.ReadAsync();
        first.ButtonData.Count(d => d.StartsWith("wall:v1:flag:")).ShouldBe(3);
        var older = first.ButtonData.Single(d => d.StartsWith("wall:v1:read:"));
        var messageId = WallDriver.NewMessageId();
        await reader.TapAsync(older, messageId);

        var second = await reader.EditAsync(messageId);
        second.ButtonData.Count(d => d.StartsWith("wall:v1:flag:")).ShouldBe(1);
        second.ButtonData.ShouldNotContain(d => d.StartsWith("wall:v1:read:"));
        var shown = Enumerable.Range(1, 4).Where(i => (first.Text + second.Text).Contains($"Допис номер {i}"));
        shown.Count().ShouldBe(4);
    }

    [Fact]
    public async Task Someone_who_is_not_a_member_is_told_so()
    {
        var stranger = new TestUser(Guid.NewGuid(), Guid.NewGuid(), null, TestData.NewTelegramId(), "employee", "");
        var driver = Driver(stranger);

        await driver.SayAsync("/wall");

        (await Telegram.WaitForMessageAsync(stranger.TelegramId)).Text.ShouldBe(T(Msg.NotAMember));
    }
}
