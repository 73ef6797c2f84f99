using Mindguard.Features.Users;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Alerts;

/// <summary>The care contacts' buttons under an alert: acknowledge (<c>al:v1:ack:…</c>) and resolve (<c>al:v1:res:…</c>).</summary>
public sealed class AlertBotHandler(Members members, AlertLifecycle lifecycle, BotReplies replies) : IBotHandler
{
    public BotRoute Route { get; } = new() { CallbackPrefixes = ["al"] };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        var callback = request.Callback!;
        var member = await members.FindByTelegramIdAsync(request.TelegramUserId, ct);
        var language = member?.Language ?? request.Language;
        var parts = request.Arguments.Split(':');
        if (member is not { IsManagerOrAdmin: true } || parts is not ["al", "v1", "ack" or "res", var id] || !Guid.TryParseExact(id, "N", out var alertId))
        {
            await replies.AnswerCallbackAsync(callback.Id, Catalogue.Instance.Get(Msg.AlertUnavailable, language), ct);
            return;
        }

        var acknowledge = parts[2] == "ack";
        var moved = acknowledge
            ? await lifecycle.AcknowledgeAsync(member.Actor, alertId, ct)
            : await lifecycle.ResolveAsync(member.Actor, alertId, ct);
        var answer = moved is null ? Msg.AlertUnavailable : acknowledge ? Msg.AlertAcknowledged : Msg.AlertResolved;
        await replies.AnswerCallbackAsync(callback.Id, Catalogue.Instance.Get(answer, language), ct);
    }
}
