using System.Text;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Infrastructure.Scheduling;

/// <summary>
/// Browsers cannot send a bearer header to a dashboard, so <c>/jobs</c> takes HTTP basic auth and asks for it
/// with the browser's own login prompt. The password is an operator key (<c>MINDGUARD_OPERATOR_KEYS</c>) or an
/// admin API key. Recurring jobs are shared by every organisation (deleting one stops it for everybody), so
/// only operators may act: holders of an operator key, or, when none is configured, admins of the default
/// organisation. Other admins see the dashboard read-only.
/// </summary>
public sealed class JobsDashboardAuthorization(RequestDelegate next, IOptions<JobsDashboardOptions> options, NpgsqlDataSource db)
{
    private const string OperatorItem = "mindguard:jobs:operator";
    private static readonly string IsDefaultOrganisationSql = Sql.Load<JobsDashboardAuthorization>("IsDefaultOrganisation");

    public static bool IsOperator(HttpContext context) => context.Items[OperatorItem] is true;

    public async Task InvokeAsync(HttpContext context)
    {
        var keys = options.Value;
        if (BasicPassword(context.Request.Headers.Authorization.ToString()) is { } password && keys.IsOperatorKey(password))
        {
            context.Items[OperatorItem] = true;
            await next(context);
            return;
        }

        var result = await context.AuthenticateAsync(ApiKeyAuthentication.SchemeName);
        if (!result.Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Mindguard jobs (password: an operator key or an admin API key)\"";
            return;
        }
        if (!result.Principal.IsInRole(Actor.Admin))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        context.User = result.Principal;
        context.Items[OperatorItem] = keys.Keys.Count == 0 && await IsDefaultOrganisationAdminAsync(context);
        await next(context);
    }

    private async Task<bool> IsDefaultOrganisationAdminAsync(HttpContext context)
    {
        var actor = context.User.ToActor();
        await using var session = await db.OpenSessionAsync(actor, context.RequestAborted);
        return await session.Connection.ExecuteScalarAsync<bool>(
            session.Command(IsDefaultOrganisationSql, new { organisationId = actor.OrganisationId }, context.RequestAborted));
    }

    private static string? BasicPassword(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>Hangfire's own check, after the middleware above has decided who may look.</summary>
public sealed class DashboardViewerFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        return JobsDashboardAuthorization.IsOperator(http) || http.User.IsInRole(Actor.Admin);
    }
}
