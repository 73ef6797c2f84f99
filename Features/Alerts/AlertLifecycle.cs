using Mindguard.Features.Alerts.Webhooks;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Alerts;

public sealed record AlertView(Guid Id, Guid UserId, Guid? TeamId, string Rule, string Metric, string Level, DateOnly Since, string Status,
    DateTime RaisedAt, DateTime? AcknowledgedAt, Guid? AcknowledgedBy, DateTime? ResolvedAt, Guid? ResolvedBy);

public sealed record AlertEvent(string Action, Guid? ActorId, DateTime At);

/// <summary>
/// Moves an alert along open → acknowledged → resolved as a care contact, recording who and when.
/// Row-level security decides which alerts the contact may see; nobody acts on an alert about themselves.
/// </summary>
public sealed class AlertLifecycle(NpgsqlDataSource db, IntegratorEventQueue events)
{
    private static readonly string AcknowledgeSql = Sql.Load<AlertLifecycle>("AcknowledgeAlert");
    private static readonly string ResolveSql = Sql.Load<AlertLifecycle>("ResolveAlert");
    private static readonly string EventSql = Sql.Load<AlertLifecycle>("InsertAlertEvent");
    private static readonly string GetSql = Sql.Load<AlertLifecycle>("GetAlert");
    private static readonly string EventsSql = Sql.Load<AlertLifecycle>("ListAlertEvents");

    public Task<AlertView?> AcknowledgeAsync(Actor actor, Guid alertId, CancellationToken ct) => MoveAsync(actor, alertId, AcknowledgeSql, "acknowledged", ct);

    public Task<AlertView?> ResolveAsync(Actor actor, Guid alertId, CancellationToken ct) => MoveAsync(actor, alertId, ResolveSql, "resolved", ct);

    /// <summary>The alert and its trail; the read is recorded in the person's access log.</summary>
    public async Task<(AlertView Alert, IReadOnlyList<AlertEvent> Events)?> ReadAsync(Actor actor, Guid alertId, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(actor, ct);
        var alert = await session.Connection.QuerySingleOrDefaultAsync<AlertView>(session.Command(GetSql, new { id = alertId }, ct));
        if (alert is null) return null;
        var events = (await session.Connection.QueryAsync<AlertEvent>(session.Command(EventsSql, new { id = alertId }, ct))).ToList();
        await AccessLog.RecordAsync(session, actor, [alert.UserId], "alert", ct);
        await session.CommitAsync(ct);
        return (alert, events);
    }

    private async Task<AlertView?> MoveAsync(Actor actor, Guid alertId, string sql, string action, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(actor, ct);
        var moved = await session.Connection.QuerySingleOrDefaultAsync<AlertView>(session.Command(sql, new { id = alertId, actorId = actor.UserId }, ct));
        if (moved is null) return null;
        await session.Connection.ExecuteAsync(session.Command(EventSql, new { alertId, actorId = actor.UserId, action }, ct));

        await AuditTrail.RecordAsync(session, actor, action == "resolved" ? AuditActions.AlertResolved : AuditActions.AlertAcknowledged, ct,
            subjectId: moved.UserId, targetId: alertId, detail: new { moved.Level, moved.Metric });
        await session.CommitAsync(ct);
        if (action == "resolved")
        {
            await events.EnqueueAsync(actor.OrganisationId!.Value, IntegratorEvents.AlertResolved,
                new { alertId, moved.Rule, moved.Level, at = DateTimeOffset.UtcNow }, ct);
        }
        return moved;
    }
}
