using Mindguard.Features.Users;
using Mindguard.Features.Wall.Posts;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Wall.Bot;

/// <summary>
/// Reading the wall in the bot: the newest released posts of the person's organisation, a few to a
/// message, "older" turning the page in place, and a flag button for each post.
/// </summary>
public sealed class WallReading(WallPosts posts, BotReplies replies)
{
    private static string T(Member member, string key, params object[] args) => Catalogue.Instance.Get(key, member.Language, args);

    public async Task ShowAsync(Member member, BotRequest request, long? before, CancellationToken ct)
    {
        var callback = request.Callback!;
        await replies.AnswerCallbackAsync(callback.Id, null, ct);
        var read = await posts.ReadAsync(member.Actor, before, WallMessages.PageSize + 1, ct);

        string text;
        Telegram.Bot.Types.ReplyMarkups.InlineKeyboardMarkup? keyboard = null;
        if (!read.Open)
        {
            text = T(member, Msg.WallClosed, posts.K);
        }
        else if (read.Posts.Count == 0)
        {
            text = T(member, Msg.WallEmpty);
        }
        else
        {
            var page = read.Posts.Take(WallMessages.PageSize).ToList();
            text = WallMessages.Page(page, member.Language);
            keyboard = WallMessages.PageButtons(page, read.Posts.Count > WallMessages.PageSize, member.Language);
        }

        // The first page is a new message under the rules; "older" turns the page in place.
        if (before is null) await replies.SendTextAsync(request.ChatId, text, ct, keyboard);
        else await replies.EditTextAsync(request.ChatId, callback.Message!.MessageId, text, ct, keyboard);
    }

    public async Task FlagAsync(Member member, BotRequest request, Guid postId, CancellationToken ct)
    {
        var outcome = await posts.FlagAsync(member.Actor, postId, ct);
        var answer = outcome switch
        {
            FlagOutcome.Flagged => Msg.WallFlagged,
            FlagOutcome.AlreadyFlagged => Msg.WallAlreadyFlagged,
            _ => Msg.WallFlagUnavailable,
        };
        await replies.AnswerCallbackAsync(request.Callback!.Id, T(member, answer), ct);
    }
}
