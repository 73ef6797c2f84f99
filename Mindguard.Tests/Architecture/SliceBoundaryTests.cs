using NetArchTest.Rules;

namespace Mindguard.Tests.Architecture;

/// <summary>
/// DESIGN.md §3 "Who may use whom", checked on the compiled app so a new forbidden reference fails the
/// build's tests instead of waiting for a reviewer: every slice may use Infrastructure and the public
/// types of Users (who is asking) and Status (the metric engine); Infrastructure uses no slice; nothing
/// uses Wall or Voice; no two other slices use each other. What one slice must set going in another
/// travels as data (the consequences outbox), not as a call.
/// </summary>
public sealed class SliceBoundaryTests
{
    private const string Features = "Mindguard.Features";
    private static readonly string[] Slices = ["Alerts", "Checkin", "Demo", "Operations", "Status", "Users", "Voice", "Wall"];
    private static readonly string[] Shared = ["Users", "Status"];

    /// <summary>Deliberate exceptions, each with its reason. Keep this list short.</summary>
    private static readonly Dictionary<string, (string[] Uses, string Why)> Exceptions = new()
    {
        // The demo seeds a believable organisation through the real code paths (the question bank for
        // answers, AlertEvaluator for the alerts a manager would see), so it shows what production does.
        // It runs only with MINDGUARD_DEMO and nothing depends on it.
        ["Demo"] = (["Checkin", "Alerts"], "seeds demo data through the real question bank and alert evaluator"),
        // The operations view reads CheckinOptions (the session length) to count expired check-ins the way
        // the check-in slice defines them; a copy of the setting would drift.
        ["Operations"] = (["Checkin"], "reads CheckinOptions to count expired check-ins"),
    };

    /// <summary>The namespace and everything under it (a slice's action subfolders).</summary>
    private static string Within(string ns) => $"^{System.Text.RegularExpressions.Regex.Escape(ns)}(\\.|$)";

    public static TheoryData<string> AllSlices() => new(Slices);

    [Theory]
    [MemberData(nameof(AllSlices))]
    public void A_slice_uses_only_infrastructure_the_shared_slices_and_its_stated_exceptions(string slice)
    {
        var allowed = Shared.Concat(Exceptions.GetValueOrDefault(slice).Uses ?? []).Append(slice).ToHashSet();
        var forbidden = Slices.Where(s => !allowed.Contains(s)).Select(s => $"{Features}.{s}").ToArray();

        var result = Types.InAssembly(typeof(Program).Assembly)
            .That().ResideInNamespaceMatching(Within($"{Features}.{slice}"))
            .ShouldNot().HaveDependencyOnAny(forbidden)
            .GetResult();

        (result.FailingTypes?.Select(t => t.FullName) ?? []).ShouldBeEmpty($"{slice} may not use {string.Join(", ", forbidden)}");
    }

    [Fact]
    public void Infrastructure_uses_no_slice()
    {
        var result = Types.InAssembly(typeof(Program).Assembly)
            .That().ResideInNamespaceMatching(Within("Mindguard.Infrastructure"))
            .ShouldNot().HaveDependencyOnAny($"{Features}")
            .GetResult();

        (result.FailingTypes?.Select(t => t.FullName) ?? []).ShouldBeEmpty();
    }

    [Fact]
    public void Nothing_outside_them_uses_Wall_or_Voice()
    {
        var result = Types.InAssembly(typeof(Program).Assembly)
            .That().ResideInNamespaceMatching(Within("Mindguard"))
            .And().DoNotResideInNamespaceMatching(Within($"{Features}.Wall"))
            .And().DoNotResideInNamespaceMatching(Within($"{Features}.Voice"))
            // The composition root registers every slice; that is its job.
            .And().DoNotHaveName(nameof(Program))
            .ShouldNot().HaveDependencyOnAny($"{Features}.Wall", $"{Features}.Voice")
            .GetResult();

        (result.FailingTypes?.Select(t => t.FullName) ?? []).ShouldBeEmpty();
    }

    [Fact]
    public void The_rules_see_every_slice_folder()
    {
        var namespaces = typeof(Program).Assembly.GetTypes()
            .Select(t => t.Namespace).OfType<string>()
            .Where(n => n.StartsWith(Features + ".", StringComparison.Ordinal))
            .Select(n => n.Split('.')[2]).Distinct();

        namespaces.ShouldBe(Slices, ignoreOrder: true, customMessage: "a new slice must be added to the rules above");
    }
}
