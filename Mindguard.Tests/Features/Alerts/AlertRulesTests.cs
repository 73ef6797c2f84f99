using Mindguard.Features.Alerts.Rules;

namespace Mindguard.Tests.Features.Alerts;

public sealed class AlertRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static List<DayEstimates> Days(int count, double who5, double phq9 = 3, int step = 1) =>
        Enumerable.Range(0, count).Select(i => new DayEstimates(Today.AddDays(-i * step), who5, phq9, 3, 20)).ToList();

    [Fact]
    public void Four_critical_check_ins_in_seven_days_raise_a_critical_alert()
    {
        var findings = AlertRules.Evaluate(Days(4, who5: 20), Today);

        findings.ShouldHaveSingleItem().ShouldBe(new AlertFinding("critical", "who5", "critical", Today.AddDays(-3)));
    }

    [Fact]
    public void Three_check_ins_are_not_enough()
    {
        AlertRules.Evaluate(Days(3, who5: 10), Today).ShouldBeEmpty();
    }

    [Fact]
    public void One_better_day_in_the_week_means_it_is_not_sustained()
    {
        var days = Days(6, who5: 20);
        days[2] = days[2] with { Who5 = 40 };

        AlertRules.Evaluate(days, Today).Where(f => f.Rule == "critical").ShouldBeEmpty();
    }

    [Fact]
    public void Days_without_an_estimate_do_not_count_as_critical()
    {
        var days = Days(5, who5: 20);
        days[1] = days[1] with { Who5 = null };

        AlertRules.Evaluate(days, Today).Where(f => f.Rule == "critical").ShouldBeEmpty();
    }

    [Fact]
    public void Fourteen_days_of_moderate_phq9_raise_a_warning_but_a_week_does_not()
    {
        AlertRules.Evaluate(Days(7, who5: 60, phq9: 12, step: 2), Today).ShouldHaveSingleItem().Rule.ShouldBe("warning");
        AlertRules.Evaluate(Days(5, who5: 60, phq9: 12), Today).ShouldBeEmpty();
    }

    [Fact]
    public void A_critical_finding_is_not_repeated_as_a_warning()
    {
        AlertRules.Evaluate(Days(14, who5: 10), Today).ShouldAllBe(f => f.Rule == "critical");
    }

    [Theory]
    [InlineData(28, 3, false)]
    [InlineData(27.9, 3, true)]
    [InlineData(60, 15, true)]
    [InlineData(60, 14.9, false)]
    public void Cut_offs_are_those_of_the_thresholds_table(double who5, double phq9, bool critical)
    {
        AlertRules.Evaluate(Days(4, who5, phq9), Today).Any(f => f.Rule == "critical").ShouldBe(critical);
    }
}
