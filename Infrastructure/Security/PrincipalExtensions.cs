using System.Security.Claims;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Infrastructure.Security;

public static class PrincipalExtensions
{
    /// <summary>The database actor for an authenticated API caller: RLS then shows them what their role allows.</summary>
    public static Actor ToActor(this ClaimsPrincipal user) => Actor.For(
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!),
        Guid.Parse(user.FindFirstValue(ApiKeyAuthentication.OrganisationClaim)!),
        user.FindFirstValue(ClaimTypes.Role)!);
}
