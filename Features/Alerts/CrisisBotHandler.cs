using Mindguard.Features.Users;
using Mindguard.Features.Users.Resources;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Alerts;

/// <summary>
/// The "talk to someone now" button under the crisis resources, and the two buttons of a follow-up
/// (<c>cr:v1:better:&lt;message id&gt;</c>, <c>cr:v1:hard:&lt;message id&gt;</c>).
/// </summary>
public sealed class CrisisBotHandler(Members members, CrisisPath crisis, BotReplies replies, SupportResources resources) : IBotHandler
{
    public BotRoute Route { get; } = new() { CallbackPrefixes = ["cr"] };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        await replies.AnswerCallbackAsync(request.Callback!.Id, null, ct);
        var member = await members.FindByTelegramIdAsync(request.TelegramUserId, ct);
        var language = member?.Language ?? request.Language;
        var list = member is null ? SupportResources.Defaults(language) : await resources.ForAsync(member.OrganisationId, language, ct);
        string T(string key, params object[] args) => SupportResources.Text(list, key, language, args);
        if (member is null)
        {
            await replies.SendTextAsync(request.ChatId, T(Msg.CrisisTalkNobody), ct);
            return;
        }

        switch (request.Arguments.Split(':'))
        {
            case ["cr", "v1", "talk"]:
                var told = await crisis.RequestTalkAsync(member, ct);
                await replies.SendTextAsync(request.ChatId, told.Count > 0 ? T(Msg.CrisisTalkSent, CareContacts.Names(told, language)) : T(Msg.CrisisTalkNobody), ct);
                break;
            case ["cr", "v1", var answer and ("better" or "hard"), var prompt] when Guid.TryParseExact(prompt, "N", out var promptId):
                var better = answer == "better";
                var closed = await crisis.RecordFollowUpAsync(member, promptId, better, ct);
                if (closed is null) await replies.SendTextAsync(request.ChatId, T(Msg.CrisisFollowupCounted), ct);
                else if (better) await replies.SendTextAsync(request.ChatId, T(closed.Value ? Msg.CrisisFollowupClosed : Msg.CrisisFollowupGlad), ct);
                else await crisis.OpenAsync(member, ct);
                break;
            default:
                await replies.SendTextAsync(request.ChatId, T(Msg.CrisisFollowupCounted), ct);
                break;
        }
    }
}
