using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Alerts.Webhooks;

/// <summary>
/// For callers acting as a person (a manager resolving an alert, someone finishing a check-in), who
/// may not see the organisation's webhooks: the event is queued as the system, right after their change.
/// </summary>
public sealed class IntegratorEventQueue(NpgsqlDataSource db, TimeProvider time)
{
    public async Task EnqueueAsync(Guid organisationId, string name, object data, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        await IntegratorEvents.EnqueueAsync(session, organisationId, name, data, time.GetUtcNow(), ct);
        await session.CommitAsync(ct);
    }
}
