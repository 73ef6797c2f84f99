using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Users;

public static class BotMembers
{
    /// <summary>
    /// The member behind a bot request. Someone who has not joined gets a friendly "join first" (and
    /// their button's spinner stopped) and the caller gets null.
    /// </summary>
    public static async Task<Member?> FindOrAskToJoinAsync(this Members members, BotRequest request, BotReplies replies, CancellationToken ct)
    {
        var member = await members.FindByTelegramIdAsync(request.TelegramUserId, ct);
        if (member is not null) return member;
        if (request.Callback is { } stray) await replies.AnswerCallbackAsync(stray.Id, null, ct);
        await replies.SendTextAsync(request.ChatId, Catalogue.Instance.Get(Msg.NotAMember, request.Language), ct);
        return null;
    }
}
