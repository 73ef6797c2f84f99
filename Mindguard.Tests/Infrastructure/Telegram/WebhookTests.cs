using Mindguard.Features.Users.Resources;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Telegram;

public sealed class WebhookFixture : AppFixture
{
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddBotHandler<RememberTestHandler>();
        services.AddBotHandler<ExplodingTestHandler>();
    }
}

public sealed class WebhookTests(WebhookFixture fixture) : IClassFixture<WebhookFixture>
{
    private MindguardApp App => fixture.App;
    private FakeTelegramServer Telegram => fixture.Telegram;

    [Fact]
    public async Task Help_lists_the_commands_in_ukrainian_by_default()
    {
        var person = TestData.NewTelegramId();

        var response = await App.PostUpdateAsync(TelegramUpdates.Text(person, "/help", languageCode: null));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var reply = await Telegram.WaitForMessageAsync(person);
        reply.Text.ShouldBe(SupportResources.Text(SupportResources.Defaults("uk"), Msg.Help, "uk"));
        reply.Text!.ShouldContain("/checkin");
    }

    [Fact]
    public async Task Help_answers_in_english_to_an_english_telegram()
    {
        var person = TestData.NewTelegramId();

        await App.PostUpdateAsync(TelegramUpdates.Text(person, "/help@mindguard_test_bot", languageCode: "en"));

        (await Telegram.WaitForMessageAsync(person)).Text.ShouldBe(SupportResources.Text(SupportResources.Defaults("en"), Msg.Help, "en"));
    }

    [Fact]
    public async Task Unknown_text_and_unknown_commands_get_a_hint_not_silence()
    {
        var person = TestData.NewTelegramId();

        await App.PostUpdateAsync(TelegramUpdates.Text(person, "hello there", languageCode: "en"));
        await App.PostUpdateAsync(TelegramUpdates.Text(person, "/frobnicate", languageCode: "en"));

        var replies = await Telegram.WaitForCallsAsync(c => c.ChatId == person && c.Method == "sendMessage", 2);
        replies.Select(r => r.Text).ShouldBe(
            [Catalogue.Instance.Get(Msg.UnknownInput, "en"), Catalogue.Instance.Get(Msg.UnknownCommand, "en")], ignoreOrder: true);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("wrong-secret")]
    [InlineData("test-webhook-secret-but-longer")]
    public async Task Missing_or_wrong_secret_is_rejected_and_changes_nothing(string? secret)
    {
        var person = TestData.NewTelegramId();

        var response = await App.PostUpdateAsync(TelegramUpdates.Text(person, "/remember forged"), secret);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldContain("\"status\":401");
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE chat_id = @person", new { person })).ShouldBe(0);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[]")]
    [InlineData("{\"message\":{\"text\":\"no update id\"}}")]
    [InlineData("")]
    public async Task Malformed_body_is_a_bad_request(string body)
    {
        var response = await App.PostUpdateAsync(body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_redelivered_update_is_handled_once()
    {
        var person = TestData.NewTelegramId();
        var update = TelegramUpdates.Text(person, "/remember once");

        (await App.PostUpdateAsync(update)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.PostUpdateAsync(update)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.PostUpdateAsync(update)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox WHERE chat_id = @person", new { person })).ShouldBe(1);
        await Telegram.WaitForMessageAsync(person, c => c.Text == "remembered: once");
    }

    [Fact]
    public async Task A_handler_bug_lands_the_update_in_the_dead_letter_table_encrypted_and_acknowledged()
    {
        var person = TestData.NewTelegramId();
        var update = TelegramUpdates.Text(person, "/explode secret words from a person");
        var updateId = System.Text.Json.JsonDocument.Parse(update).RootElement.GetProperty("update_id").GetInt64();

        var response = await App.PostUpdateAsync(update);
        var redelivered = await App.PostUpdateAsync(update);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        redelivered.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var owner = await App.OwnerConnectionAsync();
        var rows = (await owner.QueryAsync<(byte[] Payload, string Error)>(
            "SELECT payload, error FROM telegram_dead_letters WHERE update_id = @updateId", new { updateId })).ToList();
        rows.Count.ShouldBe(1);
        rows[0].Error.ShouldContain("a bug in a handler");
        System.Text.Encoding.UTF8.GetString(rows[0].Payload).ShouldNotContain("secret words");
        var ring = App.Services.GetRequiredService<Mindguard.Infrastructure.Security.MasterKeyRing>();
        ring.DecryptText(rows[0].Payload, DeadLetters.AssociatedData(updateId)).ShouldContain("secret words");
    }

    [Fact]
    public async Task Update_kinds_the_bot_does_not_use_are_acknowledged_quietly()
    {
        var person = TestData.NewTelegramId();

        (await App.PostUpdateAsync(TelegramUpdates.UnknownKind(person))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await App.PostUpdateAsync(TelegramUpdates.EditedText(person, "edited"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await App.PostUpdateAsync(TelegramUpdates.Text(person, "/help"));

        await Telegram.WaitForMessageAsync(person);
        Telegram.MessagesTo(person).Count.ShouldBe(1);
    }

    [Fact]
    public async Task In_a_group_chat_commands_point_to_the_private_chat_and_nothing_personal_is_said()
    {
        var person = TestData.NewTelegramId();
        var group = -1_000_000_000_000 - person;
        var update = System.Text.Json.Nodes.JsonNode.Parse(TelegramUpdates.Text(person, "/status"))!;
        update["message"]!["chat"] = new System.Text.Json.Nodes.JsonObject { ["id"] = group, ["type"] = "supergroup", ["title"] = "Team" };
        var plain = System.Text.Json.Nodes.JsonNode.Parse(TelegramUpdates.Text(person, "my wall draft"))!;
        plain["message"]!["chat"] = new System.Text.Json.Nodes.JsonObject { ["id"] = group, ["type"] = "supergroup", ["title"] = "Team" };

        await App.PostUpdateAsync(plain.ToJsonString());
        await App.PostUpdateAsync(update.ToJsonString());

        var reply = await Telegram.WaitForMessageAsync(group);
        reply.Text.ShouldBe(Catalogue.Instance.Get(Msg.PrivateOnly, "uk"));
        Telegram.MessagesTo(group).Count.ShouldBe(1);
    }
}
