using Mindguard.Features.Alerts.Rules;

namespace Mindguard.Tests.Features.Alerts;

public sealed class EarlySignalTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static List<(DateOnly, double?, double?)> Series(double normalWho5, double nowWho5, double normalStress = 15, double nowStress = 15) =>
        Enumerable.Range(14, 20).Select(d => (Today.AddDays(-d), (double?)normalWho5, (double?)normalStress))
            .Append((Today, nowWho5, nowStress)).ToList();

    [Theory]
    [InlineData(72, 62, true)]
    [InlineData(72, 63, false)]
    [InlineData(40, 30, true)]
    [InlineData(30, 40, false)]
    public void A_fall_of_ten_who5_points_against_ones_own_normal_is_noticed(double normal, double now, bool noticed)
    {
        EarlySignal.Detect(Series(normal, now), Today).ShouldBe(noticed);
    }

    [Fact]
    public void A_comparable_rise_in_stress_is_noticed_too()
    {
        EarlySignal.Detect(Series(60, 60, normalStress: 12, nowStress: 20), Today).ShouldBeTrue();
        EarlySignal.Detect(Series(60, 60, normalStress: 12, nowStress: 19), Today).ShouldBeFalse();
    }

    [Fact]
    public void Without_a_week_of_baseline_or_an_answer_today_nothing_is_said()
    {
        var shortBaseline = Series(72, 50).Skip(14).ToList();
        var notToday = Series(72, 50).Where(d => d.Item1 != Today).Append((Today.AddDays(-1), 50, 15)).ToList();

        EarlySignal.Detect(shortBaseline, Today).ShouldBeFalse();
        EarlySignal.Detect(notToday, Today).ShouldBeFalse();
    }

    private static List<(DateOnly, double?, double?)> Baseline(IEnumerable<int> daysAgo) =>
        daysAgo.Select(d => (Today.AddDays(-d), (double?)72, (double?)15)).Append((Today, 50, 15)).ToList();

    [Theory]
    [InlineData("daily", 7)]
    [InlineData("every3days", 3)]
    [InlineData("weekly", 2)]
    public void The_baseline_needs_a_quarter_of_the_check_ins_the_cadence_expects(string cadence, int needed)
    {
        EarlySignal.Detect(Baseline(Enumerable.Range(14, needed)), Today, cadence).ShouldBeTrue();
        EarlySignal.Detect(Baseline(Enumerable.Range(14, needed - 1)), Today, cadence).ShouldBeFalse();
    }

    [Theory]
    // Today's estimate covers the last 14 days (13 back); the baseline is the 28 days before: 14 to 41 days ago.
    [InlineData(41, true)]
    [InlineData(42, false)]
    [InlineData(13, false)]
    public void The_baseline_is_the_28_days_before_the_current_estimates_window(int seventhDayAgo, bool counted)
    {
        var days = Baseline(Enumerable.Range(14, 6).Append(seventhDayAgo));

        EarlySignal.Detect(days, Today).ShouldBe(counted);
    }

    [Fact]
    public void A_fall_against_a_baseline_without_that_metric_says_nothing()
    {
        var noWho5 = Enumerable.Range(14, 7).Select(d => (Today.AddDays(-d), (double?)null, (double?)15)).Append((Today, 20, 15)).ToList();

        EarlySignal.Detect(noWho5, Today).ShouldBeFalse();
    }

    [Theory]
    // Six baseline days at one value and one at another: the normal is their mean, not the lowest or highest.
    // WHO-5: (6 × 60 + 100) / 7 = 65.71; stress: (6 × 12 + 26) / 7 = 14.
    [InlineData(60, 100, 55, 15, 15, 15, true)]   // WHO-5 65.71 − 55 = 10.71
    [InlineData(60, 100, 56, 15, 15, 15, false)]  // 9.71
    [InlineData(60, 60, 60, 12, 26, 22, true)]    // stress 22 − 14 = 8
    [InlineData(60, 60, 60, 12, 26, 21, false)]   // 7
    public void The_normal_is_the_mean_of_the_baseline(double who5, double oddWho5, double nowWho5, double stress, double oddStress, double nowStress, bool noticed)
    {
        var days = Enumerable.Range(14, 6).Select(d => (Today.AddDays(-d), (double?)who5, (double?)stress))
            .Append((Today.AddDays(-20), oddWho5, oddStress))
            .Append((Today, nowWho5, nowStress)).ToList();

        EarlySignal.Detect(days, Today).ShouldBe(noticed);
    }
}
