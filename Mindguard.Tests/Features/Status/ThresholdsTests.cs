using Mindguard.Features.Status.Metrics;

namespace Mindguard.Tests.Features.Status;

/// <summary>Each cut-off of SPEC §4 from both sides: the value on it and the value just short of it.</summary>
public sealed class ThresholdsTests
{
    [Theory]
    [InlineData(Metric.Who5, 27.9, "critical")]
    [InlineData(Metric.Who5, 28, "low")]
    [InlineData(Metric.Who5, 49.9, "low")]
    [InlineData(Metric.Who5, 50, "ok")]
    [InlineData(Metric.Phq9, 9.9, "ok")]
    [InlineData(Metric.Phq9, 10, "moderate")]
    [InlineData(Metric.Phq9, 14.9, "moderate")]
    [InlineData(Metric.Phq9, 15, "severe")]
    [InlineData(Metric.Gad7, 9.9, "ok")]
    [InlineData(Metric.Gad7, 10, "moderate")]
    [InlineData(Metric.Gad7, 14.9, "moderate")]
    [InlineData(Metric.Gad7, 15, "severe")]
    [InlineData(Metric.Burnout, 49.9, "ok")]
    [InlineData(Metric.Burnout, 50, "high")]
    [InlineData(Metric.Burnout, 69.9, "high")]
    [InlineData(Metric.Burnout, 70, "critical")]
    [InlineData(Metric.Stress, 25.9, "ok")]
    [InlineData(Metric.Stress, 26, "high")]
    [InlineData(Metric.SleepHours, 5.9, "low")]
    [InlineData(Metric.SleepHours, 6, "ok")]
    [InlineData(Metric.WorkLife, 4.9, "low")]
    [InlineData(Metric.WorkLife, 5, "ok")]
    [InlineData(Metric.Mood, 1, null)]
    [InlineData(Metric.SleepQuality, 1, null)]
    public void Every_cut_off_sits_where_the_spec_puts_it(string metric, double value, string? level) =>
        Thresholds.Level(metric, value).ShouldBe(level);
}
