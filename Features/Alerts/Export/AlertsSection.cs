using Mindguard.Features.Users;
using Mindguard.Features.Users.DataRights;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Alerts.Export;

/// <summary>
/// What the safety side keeps about the person: alerts raised about them with their trail (including ones
/// awaiting their consent), the crisis follow-up, and when they last had an early-signal message.
/// </summary>
public sealed class AlertsSection : IPersonalDataSection
{
    private static readonly string AlertsSql = Sql.Load<AlertsSection>("ExportAlerts");
    private static readonly string EventsSql = Sql.Load<AlertsSection>("ExportAlertEvents");
    private static readonly string FollowUpSql = Sql.Load<AlertsSection>("ExportCrisisFollowUp");
    private static readonly string EarlySignalSql = Sql.Load<AlertsSection>("ExportEarlySignal");

    public async Task FillAsync(PersonalDataDocument document, DbSession session, Member member, CancellationToken ct)
    {
        var c = session.Connection;
        var events = (await c.QueryAsync<EventRow>(session.Command(EventsSql, new { id = member.Id }, ct)))
            .ToLookup(e => e.AlertId, e => new ExportedAlertEvent(e.Action, e.By, e.At));
        document.Alerts = (await c.QueryAsync<AlertRow>(session.Command(AlertsSql, new { id = member.Id }, ct)))
            .Select(a => new ExportedAlert(a.Id, a.Rule, a.Metric, a.Level, a.Since, a.Status, a.RaisedAt, a.AcknowledgedAt, a.ResolvedAt,
                a.EscalatedAt, events[a.Id].ToList()))
            .ToList();
        document.CrisisFollowUp = await c.QuerySingleOrDefaultAsync<ExportedCrisisFollowUp>(session.Command(FollowUpSql, new { id = member.Id }, ct));
        document.EarlySignal = await c.QuerySingleOrDefaultAsync<ExportedEarlySignal>(session.Command(EarlySignalSql, new { id = member.Id }, ct));
    }

    private sealed record AlertRow(Guid Id, string Rule, string Metric, string Level, DateOnly Since, string Status, DateTime RaisedAt,
        DateTime? AcknowledgedAt, DateTime? ResolvedAt, DateTime? EscalatedAt);

    private sealed record EventRow(Guid AlertId, string Action, string By, DateTime At);
}
