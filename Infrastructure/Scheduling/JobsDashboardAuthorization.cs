using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Infrastructure.Scheduling;

/// <summary>
/// Browsers cannot send a bearer header to a dashboard, so <c>/jobs</c> also accepts HTTP basic auth
/// with an admin API key as the password, and asks for it with the browser's own login prompt.
/// </summary>
public sealed class JobsDashboardAuthorization(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(ApiKeyAuthentication.SchemeName);
        if (!result.Succeeded)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Mindguard jobs (password: an admin API key)\"";
            return;
        }
        if (!result.Principal.IsInRole(Actor.Admin))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }
        context.User = result.Principal;
        await next(context);
    }
}

/// <summary>Hangfire's own check, after the middleware above has authenticated the request.</summary>
public sealed class AuthenticatedAdminFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Actor.Admin);
}
