using Mindguard.Features.Alerts.Rules;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram.Outbox;
using Telegram.Bot.Types.ReplyMarkups;

namespace Mindguard.Features.Alerts;

/// <summary>
/// Checks one person's recent estimates against the alert rules and, for each new finding, raises one
/// alert, queues a message to each care contact (their team's managers and the organisation's admins)
/// and tells the person who was informed — all in one transaction. An open alert is never raised twice,
/// and a resolved one only again after a 7-day cool-off.
/// </summary>
public sealed class AlertEvaluator(NpgsqlDataSource db, PersonCipher cipher, ILogger<AlertEvaluator> logger)
{
    private static readonly string PersonSql = Sql.Load<AlertEvaluator>("GetAlertSubject");
    private static readonly string EstimatesSql = Sql.Load<AlertEvaluator>("GetRecentEstimates");
    private static readonly string InsertSql = Sql.Load<AlertEvaluator>("InsertAlert");
    private static readonly string EventSql = Sql.Load<AlertEvaluator>("InsertAlertEvent");
    private static readonly string ContactsSql = Sql.Load<AlertEvaluator>("GetCareContacts");

    public async Task<int> EvaluateAsync(Guid userId, DateOnly today, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var c = session.Connection;
        var person = await c.QuerySingleOrDefaultAsync<Subject>(session.Command(PersonSql, new { userId }, ct));
        if (person is null || !person.Active) return 0;
        var days = (await c.QueryAsync<DayEstimates>(session.Command(EstimatesSql, new { userId, from = today.AddDays(-AlertRules.WarningDays) }, ct))).ToList();

        var raised = 0;
        foreach (var finding in AlertRules.Evaluate(days, today))
        {
            var alertId = await c.QuerySingleOrDefaultAsync<Guid?>(session.Command(InsertSql, new
            {
                id = Guid.CreateVersion7(), userId, person.OrganisationId, person.TeamId, finding.Rule, finding.Metric, finding.Level, since = finding.Since,
            }, ct));
            if (alertId is null) continue;
            await c.ExecuteAsync(session.Command(EventSql, new { alertId, actorId = (Guid?)null, action = "raised" }, ct));
            var contacts = (await c.QueryAsync<Contact>(session.Command(ContactsSql, new { person.OrganisationId, person.TeamId, userId }, ct))).ToList();
            foreach (var contact in contacts)
            {
                await Outbox.EnqueueAsync(session, contact.TelegramId, contact.Id, Notification(person, finding, alertId.Value, contact.Language), ct);
            }
            if (person.TelegramId is { } chat)
            {
                var roles = Catalogue.Instance.Get(Msg.AlertContactsRoles, person.Language,
                    contacts.Count(x => x.Role == Actor.Manager), contacts.Count(x => x.Role == Actor.Admin));
                await Outbox.EnqueueAsync(session, chat, userId, new OutboxPayload(Catalogue.Instance.Get(Msg.AlertPersonInformed, person.Language, roles)), ct);
            }
            raised++;
            logger.LogInformation("Raised a {Rule} alert on {Metric} for {Contacts} care contacts", finding.Rule, finding.Metric, contacts.Count);
        }
        await session.CommitAsync(ct);
        return raised;
    }

    private OutboxPayload Notification(Subject person, AlertFinding finding, Guid alertId, string language)
    {
        string T(string key, params object[] args) => Catalogue.Instance.Get(key, language, args);
        var name = person.DisplayName is { } encrypted && person.DataKey is { } key
            ? cipher.Decrypt(person.Id, key, encrypted, PersonCipher.DisplayNameContext(person.Id))
            : T(Msg.AlertMemberFallback);
        var text = T(Msg.AlertNotification, name, T("metric_" + finding.Metric), T("level_" + finding.Level), finding.Since.ToString("dd.MM.yyyy"));
        return new OutboxPayload(text, new InlineKeyboardMarkup(
        [
            [InlineKeyboardButton.WithCallbackData(T(Msg.AlertAckButton), AlertButtons.Acknowledge(alertId)),
             InlineKeyboardButton.WithCallbackData(T(Msg.AlertResolveButton), AlertButtons.Resolve(alertId))],
        ]));
    }

    private sealed record Subject(Guid Id, Guid OrganisationId, Guid? TeamId, long? TelegramId, string Language, byte[]? DisplayName, byte[]? DataKey, bool Active);

    private sealed record Contact(Guid Id, long TelegramId, string Language, string Role);
}
