using System.Text.Json;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Alerts.Webhooks;

/// <summary>
/// Queues an event for every webhook of the organisation that subscribed to it, in the caller's
/// transaction. Payloads carry nothing per person: an alert's id, rule, level and time, or a closed
/// period's published cells (queued by Status when the period closes).
/// </summary>
public static class IntegratorEvents
{
    public const string AlertRaised = "alert.raised";
    public const string AlertResolved = "alert.resolved";
    public const string PeriodClosed = Status.Periods.PeriodCloser.PeriodClosedEvent;
    public static readonly IReadOnlyList<string> All = [AlertRaised, AlertResolved, PeriodClosed];

    private static readonly string EnqueueSql = Sql.Load(typeof(IntegratorEvents), "EnqueueDeliveries");

    public static Task EnqueueAsync(DbSession session, Guid organisationId, string name, object data, DateTimeOffset at, CancellationToken ct) =>
        session.Connection.ExecuteAsync(session.Command(EnqueueSql, new
        {
            organisationId,
            name,
            payload = JsonSerializer.Serialize(new { @event = name, organisationId, at, data }, JsonSerializerOptions.Web),
        }, ct));
}
