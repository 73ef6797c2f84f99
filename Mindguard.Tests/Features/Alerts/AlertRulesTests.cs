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
        var days = Days(4, who5: 20);
        days[1] = days[1] with { Who5 = null };

        AlertRules.Evaluate(days, Today).Where(f => f.Rule == "critical").ShouldBeEmpty();
    }

    [Fact]
    public void A_check_in_not_yet_covering_the_instrument_neither_breaks_nor_counts_towards_the_stretch()
    {
        var days = Days(3, who5: 12, step: 7);
        days[2] = days[2] with { Who5 = null };

        AlertRules.Evaluate(days, Today, "weekly").ShouldHaveSingleItem().Since.ShouldBe(Today.AddDays(-7));
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

    [Theory]
    // cadence, interval, check-ins, rule expected (null: nothing)
    [InlineData("daily", 1, 4, "critical")]
    [InlineData("daily", 1, 3, null)]
    [InlineData("every3days", 3, 3, "critical")]
    [InlineData("every3days", 3, 2, null)]
    [InlineData("weekly", 7, 2, "critical")]
    [InlineData("weekly", 7, 1, null)]
    public void The_critical_rule_counts_the_check_ins_the_cadence_expects(string cadence, int interval, int checkins, string? rule)
    {
        var findings = AlertRules.Evaluate(Days(checkins, who5: 12, step: interval), Today, cadence);

        findings.FirstOrDefault()?.Rule.ShouldBe(rule);
        if (rule is null) findings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("daily", 1, 7, 6)]
    [InlineData("every3days", 3, 4, 3)]
    [InlineData("weekly", 7, 3, 2)]
    public void The_warning_rule_counts_the_check_ins_the_cadence_expects(string cadence, int interval, int enough, int tooFew)
    {
        AlertRules.Evaluate(Days(enough, who5: 45, step: interval), Today, cadence).ShouldHaveSingleItem().Rule.ShouldBe("warning");
        AlertRules.Evaluate(Days(tooFew, who5: 45, step: interval), Today, cadence).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("every3days", 3)]
    [InlineData("weekly", 7)]
    public void Check_ins_older_than_the_cadences_window_do_not_count(string cadence, int interval)
    {
        var (critical, _) = AlertRules.Windows(cadence);
        var stale = Days(critical.Required, who5: 12, step: interval).Select(d => d with { Date = d.Date.AddDays(-critical.Days) }).ToList();

        AlertRules.Evaluate(stale, Today, cadence).ShouldBeEmpty();
    }

    [Theory]
    // metric, value held for 14 daily check-ins, finding expected (null: none). The critical rule looks
    // at the last 7 days, so it begins 6 days ago; the warning rule at 14, so 13 days ago.
    [InlineData("who5", 27.9, "critical", "critical")]
    [InlineData("who5", 28, "warning", "low")]
    [InlineData("who5", 49.9, "warning", "low")]
    [InlineData("who5", 50, null, null)]
    [InlineData("phq9", 15, "critical", "severe")]
    [InlineData("phq9", 14.9, "warning", "moderate")]
    [InlineData("phq9", 10, "warning", "moderate")]
    [InlineData("phq9", 9.9, null, null)]
    [InlineData("gad7", 15, "critical", "severe")]
    [InlineData("gad7", 14.9, "warning", "moderate")]
    [InlineData("gad7", 10, "warning", "moderate")]
    [InlineData("gad7", 9.9, null, null)]
    [InlineData("burnout", 70, "critical", "critical")]
    [InlineData("burnout", 69.9, "warning", "high")]
    [InlineData("burnout", 50, "warning", "high")]
    [InlineData("burnout", 49.9, null, null)]
    public void Each_instrument_raises_its_own_finding_at_its_cut_offs(string metric, double value, string? rule, string? level)
    {
        var days = Enumerable.Range(0, 14).Select(i => new DayEstimates(Today.AddDays(-i),
            metric == "who5" ? value : 60, metric == "phq9" ? value : 3, metric == "gad7" ? value : 3, metric == "burnout" ? value : 20)).ToList();

        var findings = AlertRules.Evaluate(days, Today);

        if (rule is null) findings.ShouldBeEmpty();
        else findings.ShouldHaveSingleItem().ShouldBe(new AlertFinding(rule, metric, level!, Today.AddDays(rule == "critical" ? -6 : -13)));
    }

    [Fact]
    public void A_check_in_a_full_window_ago_is_outside_the_window()
    {
        // Daily, critical: the last 7 days are today and the 6 before; a week ago is the 8th day.
        var weekAgo = Days(3, who5: 12).Append(new DayEstimates(Today.AddDays(-7), 12, 3, 3, 20)).ToList();
        var sixDaysAgo = Days(3, who5: 12).Append(new DayEstimates(Today.AddDays(-6), 12, 3, 3, 20)).ToList();

        AlertRules.Evaluate(weekAgo, Today).ShouldBeEmpty();
        AlertRules.Evaluate(sixDaysAgo, Today).ShouldHaveSingleItem().Since.ShouldBe(Today.AddDays(-6));
    }

    [Fact]
    public void Estimates_dated_after_today_are_not_counted()
    {
        var days = Days(3, who5: 12).Append(new DayEstimates(Today.AddDays(1), 12, 3, 3, 20)).ToList();

        AlertRules.Evaluate(days, Today).ShouldBeEmpty();
    }
}
