using Mindguard.Features.Users;
using Mindguard.Features.Wall.Posts;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Wall.Bot;

/// <summary>
/// Writing a post in the bot: "write" → the next text message → a preview with topics → publish or
/// cancel → a confirmation carrying the only delete button. Nothing is stored in PostgreSQL before
/// "publish"; the draft waits in Redis, sealed, for a few minutes.
/// </summary>
public sealed class WallWriting(
    WallPosts posts, WallDrafts drafts, PostingLimit limit, Conversations conversations, BotReplies replies, IOptions<WallOptions> options)
{
    public const string Conversation = "wall-post";

    private static string T(Member member, string key, params object[] args) => Catalogue.Instance.Get(key, member.Language, args);

    public async Task ShowRulesAsync(Member member, long chatId, CancellationToken ct)
    {
        if (!await posts.IsOpenAsync(member.Actor, ct))
        {
            await replies.SendTextAsync(chatId, T(member, Msg.WallClosed, posts.K), ct);
            return;
        }
        await replies.SendTextAsync(chatId, WallMessages.Rules(member.Language, posts.K, options.Value), ct, WallMessages.Menu(member.Language));
    }

    public async Task AskForTextAsync(Member member, BotRequest request, CancellationToken ct)
    {
        await replies.AnswerCallbackAsync(request.Callback!.Id, null, ct);
        if (!await posts.IsOpenAsync(member.Actor, ct))
        {
            await replies.SendTextAsync(request.ChatId, T(member, Msg.WallClosed, posts.K), ct);
            return;
        }
        // Said now rather than after the person has poured their words out.
        if (await limit.WaitAsync(member.Id) is { } wait)
        {
            await replies.SendTextAsync(request.ChatId, LimitText(member, wait), ct);
            return;
        }
        await conversations.StartAsync(request.TelegramUserId, Conversation, options.Value.DraftLifetime);
        await replies.SendTextAsync(request.ChatId, T(member, Msg.WallWritePrompt, WallOptions.MaxLength), ct);
    }

    public async Task TakeTextAsync(Member member, BotRequest request, CancellationToken ct)
    {
        var text = request.Arguments.Trim();
        if (text.Length == 0)
        {
            await conversations.StartAsync(request.TelegramUserId, Conversation, options.Value.DraftLifetime);
            await replies.SendTextAsync(request.ChatId, T(member, Msg.WallWritePrompt, WallOptions.MaxLength), ct);
            return;
        }
        if (text.Length > WallOptions.MaxLength)
        {
            // The conversation stays open for the shorter version.
            await conversations.StartAsync(request.TelegramUserId, Conversation, options.Value.DraftLifetime);
            await replies.SendTextAsync(request.ChatId, T(member, Msg.WallTooLong, text.Length, WallOptions.MaxLength), ct);
            return;
        }
        await conversations.EndAsync(request.TelegramUserId);
        var draft = await drafts.StartAsync(request.TelegramUserId, text);
        await replies.SendTextAsync(request.ChatId, T(member, Msg.WallChooseCategory, draft.Text), ct, WallMessages.Categories(draft.Id, member.Language));
    }

    public async Task ChooseCategoryAsync(Member member, BotRequest request, WallCallback.Category choice, CancellationToken ct)
    {
        await replies.AnswerCallbackAsync(request.Callback!.Id, null, ct);
        var draft = await drafts.SetCategoryAsync(request.TelegramUserId, choice.DraftId, choice.Name)
            ? await drafts.FindAsync(request.TelegramUserId, choice.DraftId)
            : null;
        if (draft is null)
        {
            await EditAsync(member, request, Msg.WallDraftExpired, ct);
            return;
        }
        var text = T(member, Msg.WallConfirm, draft.Text, WallMessages.CategoryLabel(choice.Name, member.Language));
        await replies.EditTextAsync(request.ChatId, request.Callback.Message!.MessageId, text, ct, WallMessages.Confirm(draft.Id, member.Language));
    }

    public async Task PublishAsync(Member member, BotRequest request, string draftId, CancellationToken ct)
    {
        var callback = request.Callback!;
        var draft = await drafts.TakeAsync(request.TelegramUserId, draftId);
        if (draft is null)
        {
            await replies.AnswerCallbackAsync(callback.Id, null, ct);
            if (await drafts.ReceiptAsync(request.TelegramUserId, draftId) is { } token) await ShowPublishedAsync(member, request, draftId, token, ct);
            else await EditAsync(member, request, Msg.WallDraftExpired, ct);
            return;
        }
        if (draft.Category is null)
        {
            // A publish button for a draft without a topic was never sent: keep the draft, refuse the tap.
            await drafts.RestoreAsync(request.TelegramUserId, draft);
            await replies.AnswerCallbackAsync(callback.Id, T(member, Msg.WallInvalidButton), ct);
            return;
        }

        PublishResult result;
        try
        {
            result = await posts.PublishAsync(member.Actor, draft.Text, draft.Category, ct);
        }
        catch
        {
            // Telegram redelivers the tap after a transient failure; it must find the draft again.
            await drafts.RestoreAsync(request.TelegramUserId, draft);
            throw;
        }

        await replies.AnswerCallbackAsync(callback.Id, null, ct);
        var messageId = callback.Message!.MessageId;
        switch (result.Outcome)
        {
            case PublishOutcome.Published:
                await drafts.KeepReceiptAsync(request.TelegramUserId, draft.Id, result.Token!);
                await ShowPublishedAsync(member, request, draft.Id, result.Token!, ct);
                break;
            case PublishOutcome.LimitReached:
                await replies.EditTextAsync(request.ChatId, messageId, LimitText(member, result.RetryAfter!.Value), ct);
                break;
            default:
                await replies.EditTextAsync(request.ChatId, messageId, T(member, Msg.WallClosed, posts.K), ct);
                break;
        }
    }

    private async Task ShowPublishedAsync(Member member, BotRequest request, string draftId, string token, CancellationToken ct)
    {
        await replies.EditTextAsync(request.ChatId, request.Callback!.Message!.MessageId, T(member, Msg.WallPublished), ct,
            WallMessages.DeleteButton(token, member.Language));
        await drafts.DropReceiptAsync(request.TelegramUserId, draftId);
    }

    public async Task CancelAsync(Member member, BotRequest request, string draftId, CancellationToken ct)
    {
        await replies.AnswerCallbackAsync(request.Callback!.Id, null, ct);
        await drafts.DiscardAsync(request.TelegramUserId, draftId);
        await EditAsync(member, request, Msg.WallCancelled, ct);
    }

    /// <summary>The first tap on "delete" only asks; a post is gone for good, so a slip of the thumb should not do it.</summary>
    public async Task AskToDeleteAsync(Member member, BotRequest request, string token, CancellationToken ct)
    {
        await replies.AnswerCallbackAsync(request.Callback!.Id, null, ct);
        await replies.EditTextAsync(request.ChatId, request.Callback.Message!.MessageId, T(member, Msg.WallDeleteConfirm), ct,
            WallMessages.DeleteConfirm(token, member.Language));
    }

    public async Task KeepAsync(Member member, BotRequest request, string token, CancellationToken ct)
    {
        await replies.AnswerCallbackAsync(request.Callback!.Id, null, ct);
        await replies.EditTextAsync(request.ChatId, request.Callback.Message!.MessageId, T(member, Msg.WallPublished), ct,
            WallMessages.DeleteButton(token, member.Language));
    }

    public async Task DeleteAsync(Member member, BotRequest request, string token, CancellationToken ct)
    {
        await replies.AnswerCallbackAsync(request.Callback!.Id, null, ct);
        var deleted = DeletionTokens.TryDecode(token, out var raw) && await posts.DeleteAsync(member.Actor, raw, ct);
        await EditAsync(member, request, deleted ? Msg.WallDeleted : Msg.WallDeleteFailed, ct);
    }

    private string LimitText(Member member, TimeSpan wait) =>
        T(member, Msg.WallLimitReached, options.Value.PostsPerDay, WallMessages.HoursLeft(wait));

    private Task EditAsync(Member member, BotRequest request, string key, CancellationToken ct) =>
        replies.EditTextAsync(request.ChatId, request.Callback!.Message!.MessageId, T(member, key), ct);
}
