using System.Net;
using Mindguard.Features.Wall.Bot;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Wall;

/// <summary>Only the author, holding the token from their confirmation message, can delete a post.</summary>
public sealed class WallDeletionTests : WallBotTestBase
{
    [Fact]
    public async Task The_author_deletes_the_post_with_the_token_button_and_nobody_else_can()
    {
        var author = Driver(Company.Employees[0]);
        var (messageId, deleteData) = await author.PublishAsync("Пишу і боюся, що дізнаються");
        await App.ReleaseAsync();
        var token = deleteData["wall:v1:del:".Length..];

        // A forged token of the right shape, from a colleague.
        var colleague = Driver(Company.Employees[1]);
        var forgedMessage = WallDriver.NewMessageId();
        await colleague.TapAsync(WallCallback.ConfirmDeleteData(Convert.ToBase64String(new byte[18]).Replace('+', '-').Replace('/', '_')), forgedMessage);
        await colleague.EditAsync(forgedMessage, c => c.Text == T(Msg.WallDeleteFailed));
        // The real token in the hands of someone from another organisation.
        var otherOrg = await WallOrg.SeedAsync(App);
        var stranger = Driver(otherOrg.Employees[0]);
        var strangerMessage = WallDriver.NewMessageId();
        await stranger.TapAsync(WallCallback.ConfirmDeleteData(token), strangerMessage);
        await stranger.EditAsync(strangerMessage, c => c.Text == T(Msg.WallDeleteFailed));
        (await PostRowsAsync()).ShouldBe(1);

        await author.TapAsync(deleteData, messageId);
        var confirm = await author.EditAsync(messageId, c => c.Text == T(Msg.WallDeleteConfirm));
        confirm.ButtonData.ShouldBe([WallCallback.ConfirmDeleteData(token), WallCallback.KeepData(token)]);
        await author.TapAsync(WallCallback.ConfirmDeleteData(token), messageId);

        await author.EditAsync(messageId, c => c.Text == T(Msg.WallDeleted));
        (await PostRowsAsync()).ShouldBe(0);
        (await Driver(Company.Employees[2]).ReadAsync()).Text.ShouldBe(T(Msg.WallEmpty));
    }

    [Fact]
    public async Task Keeping_the_post_brings_the_delete_button_back()
    {
        var author = Driver(Company.Employees[0]);
        var (messageId, deleteData) = await author.PublishAsync("Хай буде");
        var token = deleteData["wall:v1:del:".Length..];

        await author.TapAsync(deleteData, messageId);
        await author.EditAsync(messageId, c => c.Text == T(Msg.WallDeleteConfirm));
        await author.TapAsync(WallCallback.KeepData(token), messageId);

        var kept = await author.EditAsync(messageId, c => c.Text == T(Msg.WallPublished));
        kept.ButtonData.ShouldBe([deleteData]);
        (await PostRowsAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task A_confirmation_telegram_failed_to_show_is_shown_when_the_tap_is_redelivered_so_the_token_is_not_lost()
    {
        var author = Driver(Company.Employees[0]);
        var (messageId, publish) = await author.DraftAsync("Не хочу втратити кнопку");
        var tap = TelegramUpdates.Callback(author.TelegramId, publish, messageId);
        Telegram.Inject(Failure.ServerError(), "editMessageText", author.TelegramId);

        (await App.PostUpdateAsync(tap)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await PostRowsAsync()).ShouldBe(1);
        (await App.PostUpdateAsync(tap)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var shown = await author.EditAsync(messageId, c => c.ButtonData.Any(d => d.StartsWith("wall:v1:del:")));
        (await PostRowsAsync()).ShouldBe(1);
        var token = shown.ButtonData.Single()["wall:v1:del:".Length..];
        await author.TapAsync(WallCallback.ConfirmDeleteData(token), messageId);
        await author.EditAsync(messageId, c => c.Text == T(Msg.WallDeleted));
        (await PostRowsAsync()).ShouldBe(0);
    }
}
