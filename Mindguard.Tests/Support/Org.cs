namespace Mindguard.Tests.Support;

/// <summary>An organisation with one team, an admin and a manager of that team, seeded directly.</summary>
public sealed record Org(Guid Id, Guid TeamId, TestUser Admin, TestUser Manager)
{
    public static async Task<Org> SeedAsync(MindguardApp app)
    {
        await using var owner = await app.OwnerConnectionAsync();
        var org = await TestData.OrganisationAsync(owner);
        var team = await TestData.TeamAsync(owner, org);
        return new Org(org, team, await TestData.UserAsync(owner, org, role: "admin"), await TestData.UserAsync(owner, org, team, role: "manager"));
    }

    /// <summary>The organisation asks for its admins to be told about everyone, not only where a team has no manager.</summary>
    public async Task AlwaysTellAdminsAsync(MindguardApp app)
    {
        await using var owner = await app.OwnerConnectionAsync();
        await owner.ExecuteAsync("UPDATE organisations SET alert_admins = 'always' WHERE id = @Id", this);
    }

    public async Task<TestUser> EmployeeAsync(MindguardApp app, Guid? teamId = null)
    {
        await using var owner = await app.OwnerConnectionAsync();
        return await TestData.UserAsync(owner, Id, teamId ?? TeamId);
    }
}
