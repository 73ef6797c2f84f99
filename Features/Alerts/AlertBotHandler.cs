using Mindguard.Features.Users;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Alerts;

/// <summary>
/// The care contacts' buttons under an alert (acknowledge <c>al:v1:ack:…</c>, resolve <c>al:v1:res:…</c>)
/// and the person's own consent buttons (<c>al:v1:yes:…</c>, <c>al:v1:no:…</c>).
/// </summary>
public sealed class AlertBotHandler(Members members, AlertLifecycle lifecycle, AlertEvaluator evaluator, BotReplies replies) : IBotHandler
{
    public BotRoute Route { get; } = new() { CallbackPrefixes = ["al"] };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        var callback = request.Callback!;
        var member = await members.FindByTelegramIdAsync(request.TelegramUserId, ct);
        var language = member?.Language ?? request.Language;
        var parts = request.Arguments.Split(':');
        // The person's own answer when asked for consent (ALERT_MODE=consent).
        if (member is not null && parts is ["al", "v1", "yes" or "no", var consentId] && Guid.TryParseExact(consentId, "N", out var awaiting))
        {
            var decided = await evaluator.DecideConsentAsync(member, awaiting, parts[2] == "yes", ct);
            await replies.AnswerCallbackAsync(callback.Id, decided ? null : Catalogue.Instance.Get(Msg.AlertUnavailable, language), ct);
            return;
        }
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
