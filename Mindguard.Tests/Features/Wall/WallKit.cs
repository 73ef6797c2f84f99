using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mindguard.Features.Wall.Jobs;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Wall;

/// <summary>An organisation with enough active members for its wall to open (ANONYMITY_K is 5 by default).</summary>
public sealed record WallOrg(Org Org, IReadOnlyList<TestUser> Employees)
{
    public TestUser Admin => Org.Admin;

    public static async Task<WallOrg> SeedAsync(MindguardApp app, int employees = 3)
    {
        var org = await Org.SeedAsync(app);
        var people = new List<TestUser>();
        for (var i = 0; i < employees; i++) people.Add(await org.EmployeeAsync(app));
        return new WallOrg(org, people);
    }
}

public static class WallKit
{
    /// <summary>Settings for wall tests: the clock-driven jobs run only when a test runs them, with its own clock.</summary>
    public static void Configure(Dictionary<string, string?> settings)
    {
        settings["Jobs:ReleaseWallPosts"] = "off";
        settings["Jobs:SendWallDigest"] = "off";
        settings["API_RATE_LIMIT_PER_MINUTE"] = "1000";
    }

    /// <summary>Runs the release job as if it were <paramref name="after"/> from now; the default is past the longest delay.</summary>
    public static Task ReleaseAsync(this MindguardApp app, TimeSpan? after = null) =>
        ActivatorUtilities.CreateInstance<ReleaseWallPostsJob>(app.Services,
            (TimeProvider)new FakeTimeProvider(DateTimeOffset.UtcNow + (after ?? TimeSpan.FromMinutes(6 * 60 + 1)))).RunAsync(CancellationToken.None);

    public static Task DigestAsync(this MindguardApp app) =>
        ActivatorUtilities.CreateInstance<SendWallDigestJob>(app.Services).RunAsync(CancellationToken.None);
}
