using System.Text.Json;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Users;

/// <summary>
/// Records an admin's or manager's act in the append-only <c>audit_log</c>, in the acting transaction, so
/// the act and its record commit or roll back together. An act about a person also goes to that person's
/// access log, where they see it in <c>/access</c> and <c>GET /api/me/access-log</c>.
/// </summary>
public static class AuditTrail
{
    private static readonly string InsertSql = Sql.Load(typeof(AuditTrail), "InsertAuditLog");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="action">What was done, <c>thing.verb</c>: see <see cref="AuditActions"/>.</param>
    /// <param name="subjectId">The person the act was about, if any.</param>
    /// <param name="targetId">The thing acted on (a key, team, invite, webhook, alert or post), if any.</param>
    /// <param name="detail">Facts about the act (a new role, a level); never free text about people.</param>
    /// <param name="organisationId">Needed when the system acts (a job), which has no organisation of its own.</param>
    public static async Task RecordAsync(DbSession session, Actor actor, string action, CancellationToken ct,
        Guid? subjectId = null, Guid? targetId = null, object? detail = null, Guid? organisationId = null)
    {
        await session.Connection.ExecuteAsync(session.Command(InsertSql, new
        {
            organisationId = organisationId ?? actor.OrganisationId,
            actorId = actor.UserId,
            actorRole = actor.Role,
            action,
            subjectId,
            targetId,
            detail = JsonSerializer.Serialize(detail ?? new { }, Json),
        }, ct));
        if (subjectId is { } subject)
            await AccessLog.RecordAsync(session, actor, [subject], AuditActions.AccessLogWhat(action), ct, detail, organisationId);
    }
}

/// <summary>The actions the audit log records; the API documents them.</summary>
public static class AuditActions
{
    public const string PersonRoleChanged = "person.role_changed";
    public const string PersonTeamChanged = "person.team_changed";
    public const string PersonDeactivated = "person.deactivated";
    public const string PersonReactivated = "person.reactivated";
    public const string PersonDeleted = "person.deleted";
    public const string InviteCreated = "invite.created";
    public const string InviteRevoked = "invite.revoked";
    public const string TeamCreated = "team.created";
    public const string TeamChanged = "team.changed";
    public const string TeamDeleted = "team.deleted";
    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRevoked = "api_key.revoked";
    public const string WebhookCreated = "webhook.created";
    public const string WebhookDeleted = "webhook.deleted";
    public const string SafetySettingsChanged = "safety.changed";
    public const string WallPostHidden = "wall.hidden";
    public const string WallPostRestored = "wall.restored";
    public const string AlertAcknowledged = "alert.acknowledged";
    public const string AlertResolved = "alert.resolved";
    public const string AlertEscalated = "alert.escalated";
    public const string AlertSent = "alert.sent";
    public const string IntegrationCreated = "integration.created";
    public const string IntegrationRevoked = "integration.revoked";
    /// <summary>A manager or admin downloaded their own data export (detail: <c>via</c> bot or api).</summary>
    public const string DataExported = "data.exported";

    /// <summary>How an act about a person reads in their access log (catalogue <c>what_*</c>).</summary>
    public static string AccessLogWhat(string action) => action switch
    {
        AlertSent => "care_contacts_told",
        _ when action.StartsWith("alert.", StringComparison.Ordinal) => "alert",
        _ when action.StartsWith("api_key.", StringComparison.Ordinal) => "api_key",
        _ => "account",
    };
}
