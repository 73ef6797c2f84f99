using Mindguard.Features.Alerts.Rules;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Scheduling;
using Mindguard.Infrastructure.Telegram.Outbox;
using Telegram.Bot.Types.ReplyMarkups;

namespace Mindguard.Features.Alerts.Escalation;

/// <summary>
/// Every 5 minutes: a talk-now request or a critical alert that no care contact acknowledged within
/// <see cref="AlertOptions.EscalateTalkHours"/> / <see cref="AlertOptions.EscalateHours"/> goes to the
/// organisation's admins, with the alert's buttons, and the step is recorded in the alert's trail. The
/// person is not messaged again.
/// </summary>
public sealed class EscalateAlertsJob(NpgsqlDataSource db, PersonCipher cipher, IOptions<AlertOptions> options, TimeProvider time,
    ILogger<EscalateAlertsJob> logger) : IRecurringJob
{
    private static readonly string ClaimSql = Sql.Load<EscalateAlertsJob>("ClaimEscalations");
    private static readonly string AdminsSql = Sql.Load<EscalateAlertsJob>("ListEscalationAdmins");
    private static readonly string SubjectSql = Sql.Load<EscalateAlertsJob>("GetEscalationSubject");
    private static readonly string EventSql = Sql.Load<AlertEvaluator>("InsertAlertEvent");

    public async Task RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var c = session.Connection;
        var due = (await c.QueryAsync<Due>(session.Command(ClaimSql, new
        {
            now = time.GetUtcNow(), talkSeconds = o.EscalateTalkHours * 3600, criticalSeconds = o.EscalateHours * 3600,
        }, ct))).ToList();
        foreach (var alert in due)
        {
            var admins = (await c.QueryAsync<(Guid Id, long TelegramId, string Language)>(session.Command(AdminsSql, new { alert.OrganisationId, alert.UserId }, ct))).ToList();
            var subject = await c.QuerySingleAsync<(Guid Id, byte[]? DisplayName, byte[]? DataKey)>(session.Command(SubjectSql, new { alert.UserId }, ct));
            var name = cipher.DecryptDisplayName(subject.Id, subject.DataKey, subject.DisplayName);
            foreach (var admin in admins)
            {
                await Outbox.EnqueueAsync(session, admin.TelegramId, admin.Id, Message(alert, name, admin.Language), ct, lane: OutboxLane.Safety);
            }
            await c.ExecuteAsync(session.Command(EventSql, new { alertId = alert.Id, actorId = (Guid?)null, action = $"escalated to admins ({admins.Count})" }, ct));
            await AuditTrail.RecordAsync(session, Actor.System, AuditActions.AlertEscalated, ct, subjectId: alert.UserId, targetId: alert.Id,
                detail: new { rule = alert.Rule, admins = admins.Count }, organisationId: alert.OrganisationId);
        }
        await session.CommitAsync(ct);
        if (due.Count > 0) logger.LogWarning("Escalated {Count} unacknowledged alerts to admins", due.Count);
    }

    private static OutboxPayload Message(Due alert, string? name, string language)
    {
        if (alert.Rule == AlertRules.TalkNow) return CrisisPath.TalkRequest(alert.Id, name, language, Msg.AlertEscalated);
        string T(string key, params object[] args) => Catalogue.Instance.Get(key, language, args);
        return new OutboxPayload(T(Msg.AlertEscalatedSustained, name ?? T(Msg.AlertMemberFallback), Dates.Day(alert.Since, language)), new InlineKeyboardMarkup(
        [
            [InlineKeyboardButton.WithCallbackData(T(Msg.AlertAckButton), AlertButtons.Acknowledge(alert.Id)),
             InlineKeyboardButton.WithCallbackData(T(Msg.AlertResolveButton), AlertButtons.Resolve(alert.Id))],
        ]));
    }

    private sealed record Due(Guid Id, Guid UserId, Guid OrganisationId, string Rule, DateOnly Since);
}
