using Mindguard.Features.Users;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Wall.Bot;

/// <summary>
/// <c>/wall</c>, its buttons (<c>wall:v1:…</c>) and the text of a post being written. Callback data is
/// parsed by <see cref="WallCallback"/>; anything it does not recognise exactly is refused.
/// </summary>
public sealed class WallBotHandler(Members members, WallWriting writing, WallReading reading, BotReplies replies) : IBotHandler
{
    public BotRoute Route { get; } = new()
    {
        Commands = ["/wall"],
        CallbackPrefixes = ["wall"],
        Conversations = [WallWriting.Conversation],
    };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        var member = await members.FindOrAskToJoinAsync(request, replies, ct);
        if (member is null) return;

        if (request.Callback is not { } callback)
        {
            if (request.Command == "/wall") await writing.ShowRulesAsync(member, request.ChatId, ct);
            else await writing.TakeTextAsync(member, request, ct);
            return;
        }

        switch (WallCallback.Parse(request.Arguments))
        {
            case WallCallback.Write:
                await writing.AskForTextAsync(member, request, ct);
                break;
            case WallCallback.Read read:
                await reading.ShowAsync(member, request, read.Before, ct);
                break;
            case WallCallback.Category category:
                await writing.ChooseCategoryAsync(member, request, category, ct);
                break;
            case WallCallback.Publish publish:
                await writing.PublishAsync(member, request, publish.DraftId, ct);
                break;
            case WallCallback.Cancel cancel:
                await writing.CancelAsync(member, request, cancel.DraftId, ct);
                break;
            case WallCallback.Delete delete:
                await writing.AskToDeleteAsync(member, request, delete.Token, ct);
                break;
            case WallCallback.ConfirmDelete confirm:
                await writing.DeleteAsync(member, request, confirm.Token, ct);
                break;
            case WallCallback.KeepPost keep:
                await writing.KeepAsync(member, request, keep.Token, ct);
                break;
            case WallCallback.Flag flag:
                await reading.FlagAsync(member, request, flag.PostId, ct);
                break;
            default:
                await replies.AnswerCallbackAsync(callback.Id, Catalogue.Instance.Get(Msg.WallInvalidButton, member.Language), ct);
                break;
        }
    }
}
