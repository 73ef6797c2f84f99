using Mindguard.Features.Users;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Alerts;

/// <summary>The "talk to someone now" button under the crisis resources.</summary>
public sealed class CrisisBotHandler(Members members, CrisisPath crisis, BotReplies replies) : IBotHandler
{
    public BotRoute Route { get; } = new() { CallbackPrefixes = ["cr"] };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        await replies.AnswerCallbackAsync(request.Callback!.Id, null, ct);
        var member = await members.FindByTelegramIdAsync(request.TelegramUserId, ct);
        var language = member?.Language ?? request.Language;
        if (member is not null && request.Arguments == CrisisPath.BetterData)
        {
            var closed = await crisis.RecordFollowUpAsync(member, better: true, ct);
            await replies.SendTextAsync(request.ChatId, Catalogue.Instance.Get(closed ? Msg.CrisisFollowupClosed : Msg.CrisisFollowupGlad, language), ct);
            return;
        }
        if (member is not null && request.Arguments == CrisisPath.HardData)
        {
            await crisis.RecordFollowUpAsync(member, better: false, ct);
            await crisis.StartAsync(member, request.ChatId, CrisisSource.FreeText, ct);
            return;
        }
        var told = member is not null && request.Arguments == CrisisPath.TalkData ? await crisis.RequestTalkAsync(member, ct) : 0;
        var reply = told > 0 ? Catalogue.Instance.Get(Msg.CrisisTalkSent, language, told) : Catalogue.Instance.Get(Msg.CrisisTalkNobody, language);
        await replies.SendTextAsync(request.ChatId, reply, ct);
    }
}
