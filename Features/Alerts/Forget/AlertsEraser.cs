using Mindguard.Features.Users;
using Mindguard.Features.Users.DataRights;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Alerts.Forget;

/// <summary>
/// The messages queued to the person's care contacts about them. The alerts and their trails go with
/// the person by cascade; these rows are addressed to someone else, so nothing else would take them.
/// </summary>
public sealed class AlertsEraser(NpgsqlDataSource db) : IPersonalDataEraser
{
    private static readonly string DeleteSql = Sql.Load<AlertsEraser>("DeleteMessagesNamingAlerts");

    public async Task EraseAsync(Member member, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        await session.Connection.ExecuteAsync(session.Command(DeleteSql, new { userId = member.Id }, ct));
        await session.CommitAsync(ct);
    }
}
