namespace Mindguard.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Placeholder_project_builds() => typeof(Program).Assembly.GetName().Name.ShouldBe("Mindguard");
}
