using Microsoft.AspNetCore.Authorization;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Infrastructure.Security;

/// <summary>
/// What a service account (an integration, role <c>service</c>) may do. People carry no scopes: their role
/// decides. An endpoint open to service accounts lists <see cref="Actor.Service"/> among its roles and
/// requires the scope with <see cref="Require"/>; every other endpoint answers a service account 403.
/// The same scopes are held again by RLS (<c>app_has_scope</c>), so a revoked account stops at the database too.
/// </summary>
public static class ServiceScopes
{
    /// <summary>Published aggregates of the organisation and its teams.</summary>
    public const string AggregatesRead = "aggregates:read";
    /// <summary>Reading the organisation's alerts (never one awaiting the person's consent).</summary>
    public const string AlertsRead = "alerts:read";
    /// <summary>Acknowledging and resolving the organisation's alerts.</summary>
    public const string AlertsWrite = "alerts:write";
    /// <summary>Registering, listing and deleting integrator webhooks and reading their deliveries.</summary>
    public const string WebhooksManage = "webhooks:manage";

    public static readonly string[] All = [AggregatesRead, AlertsRead, AlertsWrite, WebhooksManage];

    /// <summary>A person passes (their role was checked by <c>Roles</c>); a service account only with <paramref name="scope"/>.</summary>
    public static void Require(AuthorizationPolicyBuilder policy, string scope) =>
        policy.RequireAssertion(ctx =>
            !ctx.User.IsInRole(Actor.Service) || ctx.User.HasClaim(ApiKeyAuthentication.ScopeClaim, scope));
}
