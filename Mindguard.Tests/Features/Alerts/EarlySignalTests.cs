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
}
