namespace Mindguard.Infrastructure.Database;

/// <summary>
/// Who a database operation acts for. Row-level security policies read these values
/// (<c>app.user_id</c>, <c>app.org_id</c>, <c>app.role</c>) to decide which rows are visible.
/// </summary>
public sealed record Actor(Guid? UserId, Guid? OrganisationId, string Role)
{
    public const string Employee = "employee";
    public const string Manager = "manager";
    public const string Admin = "admin";
    /// <summary>An integration's service account: no person, acts only within its scopes (issue 16).</summary>
    public const string Service = "service";

    /// <summary>
    /// Plumbing that must see operational rows across users (outbox, dispatch, dead letters).
    /// Never used for a request made on a person's behalf.
    /// </summary>
    public static readonly Actor System = new(null, null, "system");

    public static Actor For(Guid userId, Guid organisationId, string role) => new(userId, organisationId, role);
}
