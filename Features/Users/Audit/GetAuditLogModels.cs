using System.Text.Json;
using FastEndpoints;
using FluentValidation;
using Mindguard.Infrastructure.Http;

namespace Mindguard.Features.Users.Audit;

public sealed class GetAuditLogRequest : PageRequest
{
    /// <summary>Only this action, e.g. <c>person.deactivated</c>.</summary>
    public string? Action { get; set; }
    /// <summary>Only acts about this person.</summary>
    public Guid? SubjectId { get; set; }

    internal sealed class Validator : Validator<GetAuditLogRequest>
    {
        public Validator()
        {
            this.AddPagingRules();
            RuleFor(r => r.Action).MaximumLength(64);
        }
    }
}

/// <summary>One admin or manager act (or the system's, for escalations and alerts sent).</summary>
/// <param name="ActorId">Who did it; null for the system or for someone since deleted.</param>
/// <param name="ActorRole">employee, manager, admin or system, at the time of the act.</param>
/// <param name="Action">
/// person.role_changed, person.team_changed, person.deactivated, person.reactivated, person.deleted,
/// invite.created, invite.revoked, team.created, team.changed, team.deleted, api_key.created, api_key.revoked,
/// webhook.created, webhook.deleted, safety.changed, wall.hidden, wall.restored,
/// alert.acknowledged, alert.resolved, alert.escalated, alert.sent, data.exported.
/// </param>
/// <param name="SubjectId">The person the act was about; null if none, or once they are deleted.</param>
/// <param name="TargetId">The key, team, invite, webhook, alert or wall post acted on.</param>
/// <param name="Detail">Facts about the act, e.g. <c>{"role":"manager"}</c>.</param>
public sealed record AuditLogEntry(long Id, DateTime At, Guid? ActorId, string ActorRole, string Action, Guid? SubjectId, Guid? TargetId, JsonElement Detail);

internal sealed record AuditLogRow(long Id, DateTime At, Guid? ActorId, string ActorRole, string Action, Guid? SubjectId, Guid? TargetId, string Detail)
{
    public AuditLogEntry ToEntry() => new(Id, At, ActorId, ActorRole, Action, SubjectId, TargetId, JsonDocument.Parse(Detail).RootElement.Clone());
}
