using Mindguard.Features.Users.Resources;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Privacy;
using Mindguard.Infrastructure.Telegram;
using Telegram.Bot.Types.ReplyMarkups;

namespace Mindguard.Features.Users.Consent;

/// <summary>
/// The consent screen: an intro, the terms and "I agree" / "No, thanks". The buttons carry the version
/// of the terms shown (<c>consent:v1:yes:&lt;version&gt;</c>), so a tap on an older screen agrees to nothing.
/// Features that collect data (check-ins, voice) ask for the member through <see cref="FindConsentedOrAskAsync"/>.
/// </summary>
public sealed class ConsentScreen(
    IEnumerable<IConsentClause> clauses, IOptions<AnonymityOptions> anonymity, SupportResources resources, Members members, BotReplies replies)
{
    public const string CallbackPrefix = "consent";

    public static string AgreeData => $"consent:v1:yes:{ConsentText.Version}";

    public static string DeclineData => $"consent:v1:no:{ConsentText.Version}";

    public string Terms(string language, ResourceList list) => ConsentText.Render(language, clauses, anonymity.Value.K, list);

    public (string Text, InlineKeyboardMarkup Buttons) Question(string intro, string language, ResourceList list)
    {
        string T(string key) => Catalogue.Instance.Get(key, language);
        var text = $"{intro}\n\n{Terms(language, list)}\n\n{T(Msg.ConsentQuestion)}";
        return (text, new InlineKeyboardMarkup(
        [
            [InlineKeyboardButton.WithCallbackData(T(Msg.ConsentAgree), AgreeData), InlineKeyboardButton.WithCallbackData(T(Msg.ConsentDecline), DeclineData)],
        ]));
    }

    /// <summary>Sends the screen; the help lines are the organisation's when it is known.</summary>
    public async Task AskAsync(long chatId, string intro, string language, Guid? organisationId, CancellationToken ct)
    {
        var list = await ResourcesAsync(organisationId, language, ct);
        var (text, buttons) = Question(intro, language, list);
        await replies.SendTextAsync(chatId, text, ct, buttons);
    }

    public async Task<ResourceList> ResourcesAsync(Guid? organisationId, string language, CancellationToken ct) =>
        organisationId is { } organisation ? await resources.ForAsync(organisation, language, ct) : SupportResources.Defaults(language);

    /// <summary>
    /// The member behind a bot request, if they agreed to the terms as they read now. Someone who has not
    /// joined is asked to join; a member who has not agreed (joined before consent was asked, or the text
    /// changed since) gets the consent screen instead of what they asked for. The caller then gets null.
    /// </summary>
    public async Task<Member?> FindConsentedOrAskAsync(BotRequest request, CancellationToken ct)
    {
        var member = await members.FindOrAskToJoinAsync(request, replies, ct);
        if (member is null || member.HasConsented) return member;
        if (request.Callback is { } tap) await replies.AnswerCallbackAsync(tap.Id, null, ct);
        await AskAsync(request.ChatId, Catalogue.Instance.Get(Msg.ConsentIntroMember, member.Language), member.Language, member.OrganisationId, ct);
        return null;
    }
}
