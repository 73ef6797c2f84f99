using Mindguard.Infrastructure.Database;

namespace Mindguard.Infrastructure.Security;

/// <summary>Role names endpoints declare with <c>Roles(...)</c>; a manager's rights include an employee's, an admin's a manager's.</summary>
public static class RoleSets
{
    public static readonly string[] AnyMember = [Actor.Employee, Actor.Manager, Actor.Admin];
    public static readonly string[] ManagerOrAdmin = [Actor.Manager, Actor.Admin];
    public static readonly string[] AdminOnly = [Actor.Admin];
}
