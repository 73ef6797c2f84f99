using Mindguard.Infrastructure.Database;

namespace Mindguard.Infrastructure.Security;

/// <summary>Role names endpoints declare with <c>Roles(...)</c>; a manager's rights include an employee's, an admin's a manager's.</summary>
public static class RoleSets
{
    public static readonly string[] AnyMember = [Actor.Employee, Actor.Manager, Actor.Admin];
    public static readonly string[] ManagerOrAdmin = [Actor.Manager, Actor.Admin];
    public static readonly string[] AdminOnly = [Actor.Admin];
    /// <summary>With <see cref="ServiceScopes.Require"/>: managers and admins, or a service account holding the scope.</summary>
    public static readonly string[] ManagerAdminOrService = [Actor.Manager, Actor.Admin, Actor.Service];
    /// <summary>With <see cref="ServiceScopes.Require"/>: admins, or a service account holding the scope.</summary>
    public static readonly string[] AdminOrService = [Actor.Admin, Actor.Service];
}
