using Mindguard.Features.Users.Bootstrap;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Users.Onboarding;

/// <summary>
/// The answer of someone who is not a member yet to the consent screen: "I agree" completes the join
/// they started (an invite, or a listed admin's /start) exactly as joining always did; "No, thanks"
/// forgets the pending join and stores nothing.
/// </summary>
public sealed class JoinOnConsent(PendingJoins pending, PendingLanguage languages, InviteRedemption invites, TelegramAdmins admins, BotReplies replies)
{
    public async Task AgreeAsync(BotRequest request, CancellationToken ct)
    {
        var language = await languages.RecallAsync(request.TelegramUserId) ?? request.Language;
        string Text(string key, params object[] args) => Catalogue.Instance.Get(key, language, args);

        var join = await pending.PeekAsync(request.TelegramUserId);
        var reply = join switch
        {
            PendingJoin.Invite invite => await invites.JoinAsync(request.TelegramUserId, invite.InviteId, language, request.DisplayName, ct) switch
            {
                RedeemResult.Joined joined => Text(Msg.Joined, joined.TeamName, joined.OrganisationName, "10:00", joined.TimeZone),
                RedeemResult.AlreadyMember => Text(Msg.AlreadyMember),
                _ => Text(Msg.InvalidCode),
            },
            PendingJoin.ListedAdmin when admins.IsListed(request.TelegramUserId)
                && await admins.EnrolAsync(request.TelegramUserId, language, request.DisplayName, ct) is { } organisation
                => Text(Msg.JoinedAdmin, organisation),
            _ => Text(Msg.ConsentExpired),
        };
        if (join is not null)
        {
            await pending.ForgetAsync(request.TelegramUserId);
            await languages.ForgetAsync(request.TelegramUserId);
        }
        await replies.SendTextAsync(request.ChatId, reply, ct);
    }

    public async Task DeclineAsync(BotRequest request, CancellationToken ct)
    {
        var language = await languages.RecallAsync(request.TelegramUserId) ?? request.Language;
        var join = await pending.PeekAsync(request.TelegramUserId);
        await pending.ForgetAsync(request.TelegramUserId);
        await replies.SendTextAsync(request.ChatId,
            Catalogue.Instance.Get(join is PendingJoin.Invite ? Msg.ConsentDeclinedNewcomer : Msg.ConsentDeclinedStart, language), ct);
    }
}
