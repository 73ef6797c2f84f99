using Mindguard.Features.Users.Bootstrap;
using Mindguard.Features.Users.Consent;
using Mindguard.Features.Users.Resources;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;
using Telegram.Bot.Types.ReplyMarkups;

namespace Mindguard.Features.Users.Onboarding;

/// <summary>
/// <c>/start</c>, <c>/start CODE</c> (Telegram deep links), <c>/join CODE</c> and the language buttons
/// of the welcome message (<c>lang:v1:uk</c>). A right code, or a listed admin's /start, leads to the
/// consent screen; joining completes only on "I agree" (<see cref="ConsentBotHandler"/>).
/// </summary>
public sealed class StartBotHandler(
    Members members, InviteRedemption invites, TelegramAdmins admins, PendingLanguage pending, PendingJoins joins,
    ConsentScreen consent, BotReplies replies, NpgsqlDataSource db) : IBotHandler
{
    private static readonly string ReactivateSql = Sql.Load<StartBotHandler>("ReactivateMember");
    private static readonly string SetLanguageSql = Sql.Load<StartBotHandler>("SetMemberLanguage");

    public BotRoute Route { get; } = new() { Commands = ["/start", "/join"], CallbackPrefixes = ["lang"] };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        if (request.Callback is not null)
        {
            await ChooseLanguageAsync(request, ct);
            return;
        }

        var member = await members.FindByTelegramIdAsync(request.TelegramUserId, ct);
        var language = member?.Language ?? await pending.RecallAsync(request.TelegramUserId) ?? request.Language;
        string Text(string key, params object[] args) => Catalogue.Instance.Get(key, language, args);

        if (member is not null)
        {
            var reactivated = !member.Active && await ReactivateAsync(member, ct);
            if (!member.HasConsented)
            {
                await consent.AskAsync(request.ChatId, Text(Msg.ConsentIntroMember), language, member.OrganisationId, ct);
                return;
            }
            var key = reactivated ? Msg.Reactivated : request.Arguments.Length > 0 ? Msg.AlreadyMember : Msg.WelcomeBack;
            await replies.SendTextAsync(request.ChatId, Text(key), ct);
            return;
        }

        if (request.Arguments.Length == 0)
        {
            if (request.Command == "/join")
            {
                await replies.SendTextAsync(request.ChatId, Text(Msg.JoinUsage), ct);
            }
            else if (admins.IsListed(request.TelegramUserId))
            {
                await joins.HoldAsync(request.TelegramUserId, new PendingJoin.ListedAdmin());
                await consent.AskAsync(request.ChatId, Text(Msg.ConsentIntroStart), language, null, ct);
            }
            else
            {
                await replies.SendTextAsync(request.ChatId, SupportResources.Text(SupportResources.Defaults(language), Msg.Welcome, language), ct, LanguageButtons());
            }
            return;
        }

        var result = await invites.VerifyAsync(request.TelegramUserId, request.Arguments, ct);
        if (result is RedeemResult.Verified verified)
        {
            // Nothing about the person reaches PostgreSQL, and the invite is not used, until they agree.
            await joins.HoldAsync(request.TelegramUserId, new PendingJoin.Invite(verified.InviteId));
            await consent.AskAsync(request.ChatId, Text(Msg.ConsentIntroJoin, verified.TeamName, verified.OrganisationName),
                language, verified.OrganisationId, ct);
            return;
        }
        var reply = result switch
        {
            RedeemResult.Throttled throttled => Text(Msg.TooManyAttempts, Math.Max(1, (int)Math.Ceiling(throttled.Wait.TotalMinutes))),
            _ => Text(Msg.InvalidCode),
        };
        await replies.SendTextAsync(request.ChatId, reply, ct);
    }

    private async Task ChooseLanguageAsync(BotRequest request, CancellationToken ct)
    {
        var callback = request.Callback!;
        var chosen = request.Arguments switch
        {
            "lang:v1:uk" => Catalogue.Ukrainian,
            "lang:v1:en" => Catalogue.English,
            _ => null,
        };
        if (chosen is null)
        {
            await replies.AnswerCallbackAsync(callback.Id, Catalogue.Instance.Get(Msg.StaleButton, request.Language), ct);
            return;
        }

        var member = await members.FindByTelegramIdAsync(request.TelegramUserId, ct);
        if (member is null)
        {
            await pending.RememberAsync(request.TelegramUserId, chosen);
            await replies.EditTextAsync(request.ChatId, callback.Message!.MessageId, SupportResources.Text(SupportResources.Defaults(chosen), Msg.Welcome, chosen), ct, LanguageButtons());
        }
        else
        {
            await using var session = await db.OpenSessionAsync(member.Actor, ct);
            await session.Connection.ExecuteAsync(session.Command(SetLanguageSql, new { id = member.Id, language = chosen }, ct));
            await session.CommitAsync(ct);
        }
        await replies.AnswerCallbackAsync(callback.Id, Catalogue.Instance.Get(Msg.LanguageSet, chosen), ct);
    }

    private async Task<bool> ReactivateAsync(Member member, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        var changed = await session.Connection.ExecuteAsync(session.Command(ReactivateSql, new { id = member.Id }, ct));
        await session.CommitAsync(ct);
        return changed > 0;
    }

    public static InlineKeyboardMarkup LanguageButtons() => new(
    [
        [InlineKeyboardButton.WithCallbackData("Українська", "lang:v1:uk"), InlineKeyboardButton.WithCallbackData("English", "lang:v1:en")],
    ]);
}
