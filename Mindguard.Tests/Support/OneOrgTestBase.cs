namespace Mindguard.Tests.Support;

/// <summary>For test classes that share one app of their own with one seeded organisation.</summary>
public abstract class OneOrgTestBase : AppsTestBase
{
    protected MindguardApp App { get; private set; } = null!;

    protected Org Org { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        App = await StartAppAsync();
        Org = await Org.SeedAsync(App);
    }
}
