using Mindguard.Features.Alerts.Rules;
using Mindguard.Features.Users.Resources;
using Mindguard.Features.Alerts.Webhooks;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram.Outbox;
using Telegram.Bot.Types.ReplyMarkups;

namespace Mindguard.Features.Alerts;

/// <summary>
/// Checks one person's recent estimates against the alert rules and, for each new finding, raises one
/// alert, queues a message to each care contact (<see cref="CareContacts"/>) and tells the person who
/// was informed, by name — all in one transaction. In consent mode the person is asked
/// first and the contacts hear nothing until they agree. An open alert is never raised twice, and a
/// resolved (or declined) one only again after a 7-day cool-off.
/// </summary>
public sealed class AlertEvaluator(NpgsqlDataSource db, PersonCipher cipher, OrganisationSafety safety, CareContacts careContacts, ILogger<AlertEvaluator> logger)
{
    private static readonly string PersonSql = Sql.Load<AlertEvaluator>("GetAlertSubject");
    private static readonly string EstimatesSql = Sql.Load<AlertEvaluator>("GetRecentEstimates");
    private static readonly string InsertSql = Sql.Load<AlertEvaluator>("InsertAlert");
    private static readonly string EventSql = Sql.Load<AlertEvaluator>("InsertAlertEvent");
    private static readonly string AwaitingSql = Sql.Load<AlertEvaluator>("ClaimAwaitingAlert");
    private static readonly string ConsentSql = Sql.Load<AlertEvaluator>("DecideConsent");

    public static string ConsentYes(Guid alertId) => $"al:v1:yes:{alertId:N}";
    public static string ConsentNo(Guid alertId) => $"al:v1:no:{alertId:N}";

    public async Task<int> EvaluateAsync(Guid userId, DateOnly today, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var raised = await EvaluateAsync(session, userId, today, ct);
        await session.CommitAsync(ct);
        return raised;
    }

    /// <summary>The same, in the caller's transaction (a consequence's, which commits it with its own completion).</summary>
    public async Task<int> EvaluateAsync(DbSession session, Guid userId, DateOnly today, CancellationToken ct)
    {
        var c = session.Connection;
        var person = await c.QuerySingleOrDefaultAsync<Subject>(session.Command(PersonSql, new { userId }, ct));
        if (person is null || !person.Active) return 0;
        var days = (await c.QueryAsync<DayEstimates>(session.Command(EstimatesSql, new { userId, from = today.AddDays(-AlertRules.LookbackDays) }, ct))).ToList();
        var consent = (await safety.ReadAsync(person.OrganisationId, ct)).AlertMode == "consent";

        var raised = 0;
        foreach (var finding in AlertRules.Evaluate(days, today, person.Cadence))
        {
            var alertId = await c.QuerySingleOrDefaultAsync<Guid?>(session.Command(InsertSql, new
            {
                id = Guid.CreateVersion7(), userId, person.OrganisationId, person.TeamId, finding.Rule, finding.Metric, finding.Level,
                since = finding.Since, status = consent ? "awaiting_consent" : "open",
            }, ct));
            if (alertId is null) continue;
            await c.ExecuteAsync(session.Command(EventSql, new { alertId, actorId = (Guid?)null, action = consent ? "awaiting consent" : "raised" }, ct));
            if (consent) await AskConsentAsync(session, person, alertId.Value, ct);
            else await NotifyAsync(session, person, alertId.Value, finding.Metric, finding.Level, finding.Since, Msg.AlertPersonInformed, ct);
            raised++;
            logger.LogInformation("Raised a {Rule} alert on {Metric} ({Mode})", finding.Rule, finding.Metric, consent ? "asking consent" : "notifying");
        }
        return raised;
    }

    /// <summary>The person's answer to "may I tell your care contacts?"; false when there is nothing waiting for it.</summary>
    public async Task<bool> DecideConsentAsync(Member person, Guid alertId, bool agree, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var waiting = await session.Connection.QuerySingleOrDefaultAsync<Awaiting>(session.Command(AwaitingSql, new { id = alertId, userId = person.Id }, ct));
        if (waiting is null) return false;
        await session.Connection.ExecuteAsync(session.Command(ConsentSql, new { id = alertId, agree, userId = person.Id }, ct));
        await session.Connection.ExecuteAsync(session.Command(EventSql, new { alertId, actorId = person.Id, action = agree ? "consented" : "declined" }, ct));
        var subject = await session.Connection.QuerySingleAsync<Subject>(session.Command(PersonSql, new { userId = person.Id }, ct));
        if (agree) await NotifyAsync(session, subject, alertId, waiting.Metric, waiting.Level, waiting.Since, Msg.AlertConsentGiven, ct);
        else if (subject.TelegramId is { } chat)
            await Outbox.EnqueueAsync(session, chat, person.Id, new OutboxPayload(Catalogue.Instance.Get(Msg.AlertConsentDeclined, person.Language)), ct,
                lane: OutboxLane.Safety);
        await session.CommitAsync(ct);
        return true;
    }

    private async Task AskConsentAsync(DbSession session, Subject person, Guid alertId, CancellationToken ct)
    {
        if (person.TelegramId is not { } chat) return;
        var list = await SupportResources.ForAsync(session, person.OrganisationId, person.Language, ct);
        var contacts = await careContacts.ReadAsync(session, person.OrganisationId, person.TeamId, person.Id, ct);
        string T(string key, params object[] args) => SupportResources.Text(list, key, person.Language, args);
        await Outbox.EnqueueAsync(session, chat, person.Id, new OutboxPayload(T(Msg.AlertConsentRequest, CareContacts.Names(contacts, person.Language)), new InlineKeyboardMarkup(
            [[InlineKeyboardButton.WithCallbackData(T(Msg.AlertConsentYes), ConsentYes(alertId)), InlineKeyboardButton.WithCallbackData(T(Msg.AlertConsentNo), ConsentNo(alertId))]])), ct,
            lane: OutboxLane.Safety);
    }

    private async Task NotifyAsync(DbSession session, Subject person, Guid alertId, string metric, string level, DateOnly since, string personMessage, CancellationToken ct)
    {
        await IntegratorEvents.EnqueueAsync(session, person.OrganisationId, IntegratorEvents.AlertRaised,
            // Nothing per person (SPEC §8): the rule follows from the level, as only critical cut-offs reach critical or severe.
            new { alertId, rule = level is "critical" or "severe" ? AlertRules.Critical : AlertRules.Warning, level, at = DateTimeOffset.UtcNow }, DateTimeOffset.UtcNow, ct);
        var contacts = await careContacts.ReadAsync(session, person.OrganisationId, person.TeamId, person.Id, ct);
        foreach (var contact in contacts)
        {
            await Outbox.EnqueueAsync(session, contact.TelegramId, contact.Id, Notification(person, metric, level, since, alertId, contact.Language), ct,
                lane: OutboxLane.Safety);
        }
        // The person sees in their access log that their care contacts were told, and what.
        if (contacts.Count > 0)
            await AuditTrail.RecordAsync(session, Actor.System, AuditActions.AlertSent, ct, subjectId: person.Id, targetId: alertId,
                detail: new { level, metric, date = since }, organisationId: person.OrganisationId);
        if (person.TelegramId is { } chat)
        {
            // Named, and exactly the people the message went to.
            var roles = CareContacts.Names(contacts, person.Language);
            var list = await SupportResources.ForAsync(session, person.OrganisationId, person.Language, ct);
            await Outbox.EnqueueAsync(session, chat, person.Id, new OutboxPayload(SupportResources.Text(list, personMessage, person.Language, roles)), ct,
                lane: OutboxLane.Safety);
        }
    }

    private OutboxPayload Notification(Subject person, string metric, string level, DateOnly since, Guid alertId, string language)
    {
        string T(string key, params object[] args) => Catalogue.Instance.Get(key, language, args);
        var name = cipher.DecryptDisplayName(person.Id, person.DataKey, person.DisplayName) ?? T(Msg.AlertMemberFallback);
        // A manager reads plain words: the area and since when, never an instrument, a score or a level word
        // that reads as a screening result.
        var soon = level is "critical" or "severe" ? T(Msg.AlertNotificationSoon) : "";
        var text = T(Msg.AlertNotification, name, T("alert_area_" + metric), Dates.Day(since, language), soon);
        return new OutboxPayload(text, new InlineKeyboardMarkup(
        [
            [InlineKeyboardButton.WithCallbackData(T(Msg.AlertAckButton), AlertButtons.Acknowledge(alertId)),
             InlineKeyboardButton.WithCallbackData(T(Msg.AlertResolveButton), AlertButtons.Resolve(alertId))],
        ]));
    }

    private sealed record Subject(Guid Id, Guid OrganisationId, Guid? TeamId, long? TelegramId, string Language, byte[]? DisplayName, byte[]? DataKey,
        bool Active, string Cadence);

    private sealed record Awaiting(string Metric, string Level, DateOnly Since);

}
