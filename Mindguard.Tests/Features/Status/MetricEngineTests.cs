using Mindguard.Features.Status.Metrics;

namespace Mindguard.Tests.Features.Status;

public sealed class MetricEngineTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    /// <summary>Answers as (metric, item, score) on successive days ending today.</summary>
    private static List<ScoredAnswer> Answers(string metric, params (int? Item, int Score)[] answers) =>
        answers.Select((a, i) => new ScoredAnswer(Today.AddDays(-(i % 14)), metric, a.Item, a.Score)).ToList();

    public static TheoryData<string, string, (int?, int)[], double?, string?> Cases() => new()
    {
        // name, metric, answers (item, score), expected estimate, expected level
        { "no data", Metric.Who5, [], null, null },
        { "WHO-5 all items at 3: 15 × 4", Metric.Who5, [(1, 3), (2, 3), (3, 3), (4, 3), (5, 3)], 60, "ok" },
        { "WHO-5 four items at 2: 8 × 5/4 × 4", Metric.Who5, [(1, 2), (2, 2), (3, 2), (4, 2)], 40, "low" },
        { "WHO-5 item means: (1+3)/2 + 1 + 1 + 1 = 5, × 5/4 × 4", Metric.Who5, [(1, 1), (1, 3), (2, 1), (3, 1), (4, 1)], 25, "critical" },
        { "WHO-5 three of five items is under two thirds", Metric.Who5, [(1, 5), (2, 5), (3, 5)], null, null },
        { "WHO-5 all maximum", Metric.Who5, [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)], 100, "ok" },
        { "WHO-5 all minimum", Metric.Who5, [(1, 0), (2, 0), (3, 0), (4, 0), (5, 0)], 0, "critical" },
        { "PHQ-9 eight daily items at 2: 16 × 9/8", Metric.Phq9, [(1, 2), (2, 2), (3, 2), (4, 2), (5, 2), (6, 2), (7, 2), (8, 2)], 18, "severe" },
        { "PHQ-9 six items at 1: 6 × 9/6 (exactly two thirds)", Metric.Phq9, [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1)], 9, "ok" },
        { "PHQ-9 six items at 2: 12 × 9/6 = 18", Metric.Phq9, [(1, 2), (2, 2), (3, 2), (4, 2), (5, 2), (6, 2)], 18, "severe" },
        { "PHQ-9 five items is not enough", Metric.Phq9, [(1, 3), (2, 3), (3, 3), (4, 3), (5, 3)], null, null },
        { "GAD-7 all maximum", Metric.Gad7, [(1, 3), (2, 3), (3, 3), (4, 3), (5, 3), (6, 3), (7, 3)], 21, "severe" },
        { "GAD-7 all minimum", Metric.Gad7, [(1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0), (7, 0)], 0, "ok" },
        { "GAD-7 five items at 2: 10 × 7/5 = 14", Metric.Gad7, [(1, 2), (2, 2), (3, 2), (4, 2), (5, 2)], 14, "moderate" },
        { "burnout is the mean of item means", Metric.Burnout, [(1, 75), (2, 75), (3, 75), (4, 75), (5, 75), (6, 75)], 75, "critical" },
        { "burnout at 50 is high", Metric.Burnout, [(1, 50), (2, 50), (3, 50), (4, 25), (5, 75), (6, 50)], 50, "high" },
        { "stress ten items at 3", Metric.Stress, [(1, 3), (2, 3), (3, 3), (4, 3), (5, 3), (6, 3), (7, 3), (8, 3), (9, 3), (10, 3)], 30, "high" },
        { "stress seven items at 2: 14 × 10/7", Metric.Stress, [(1, 2), (2, 2), (3, 2), (4, 2), (5, 2), (6, 2), (7, 2)], 20, "ok" },
        { "sleep is the average of hours", Metric.SleepHours, [(null, 5), (null, 6)], 5.5, "low" },
        { "work-life balance of exactly 5 is not low", Metric.WorkLife, [(null, 4), (null, 6)], 5, "ok" },
        { "mood has no level, only a value", Metric.Mood, [(null, 4), (null, 3)], 3.5, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Estimates_match_hand_computed_values(string name, string metric, (int?, int)[] answers, double? expected, string? level)
    {
        var estimate = MetricEngine.Report(Answers(metric, answers), Today).Single(e => e.Metric == metric);

        if (expected is null) estimate.Value.ShouldBeNull(name);
        else estimate.Value.ShouldNotBeNull(name).ShouldBe(expected.Value, 1e-9, name);
        estimate.Level.ShouldBe(level, name);
    }

    [Fact]
    public void The_window_is_the_14_local_days_ending_today()
    {
        var answers = new[] { 1, 2, 3, 4, 5 }.Select(item => new ScoredAnswer(Today.AddDays(-13), Metric.Who5, item, 5))
            .Concat(new[] { 1, 2, 3, 4, 5 }.Select(item => new ScoredAnswer(Today.AddDays(-14), Metric.Who5, item, 0)))
            .ToList();

        var who5 = MetricEngine.Report(answers, Today).Single(e => e.Metric == Metric.Who5);

        who5.Value.ShouldBe(100);
        who5.Change.ShouldBe(100);
    }

    [Fact]
    public void Change_is_against_the_previous_14_days()
    {
        var now = new[] { 1, 2, 3, 4, 5 }.Select(item => new ScoredAnswer(Today, Metric.Who5, item, 3));
        var before = new[] { 1, 2, 3, 4, 5 }.Select(item => new ScoredAnswer(Today.AddDays(-20), Metric.Who5, item, 2));

        var who5 = MetricEngine.Report(now.Concat(before).ToList(), Today).Single(e => e.Metric == Metric.Who5);

        who5.Value.ShouldBe(60);
        who5.Change.ShouldBe(20);
    }

    [Fact]
    public void Answers_beyond_28_days_change_nothing()
    {
        var old = new[] { 1, 2, 3, 4, 5 }.Select(item => new ScoredAnswer(Today.AddDays(-40), Metric.Who5, item, 5)).ToList();

        MetricEngine.Report(old, Today).ShouldAllBe(e => e.Value == null && e.Change == null);
    }

    [Theory]
    [InlineData("daily", 14)]
    [InlineData("every3days", 14)]
    [InlineData("weekly", 28)]
    public void Weekly_estimates_span_four_weeks_and_the_others_two(string cadence, int days) =>
        MetricEngine.WindowFor(cadence).ShouldBe(days);

    [Fact]
    public void A_four_week_window_reaches_further_back_and_its_change_compares_the_four_weeks_before()
    {
        var now = new[] { 1, 2, 3, 4, 5 }.Select(item => new ScoredAnswer(Today.AddDays(-27), Metric.Who5, item, 5));
        var before = new[] { 1, 2, 3, 4, 5 }.Select(item => new ScoredAnswer(Today.AddDays(-40), Metric.Who5, item, 2));
        var answers = now.Concat(before).ToList();

        var fourWeeks = MetricEngine.Report(answers, Today, 28).Single(e => e.Metric == Metric.Who5);
        var twoWeeks = MetricEngine.Report(answers, Today).Single(e => e.Metric == Metric.Who5);

        fourWeeks.Value.ShouldBe(100);
        fourWeeks.Change.ShouldBe(60);
        twoWeeks.Value.ShouldBeNull();
        twoWeeks.Change.ShouldBeNull();
    }

    [Fact]
    public void Items_answered_counts_each_instrument_item_once_and_nothing_for_single_value_metrics()
    {
        var answers = Answers(Metric.Phq9, (1, 2), (1, 3), (2, 2), (3, 2), (4, 2), (5, 2), (6, 2))
            .Concat(Answers(Metric.Mood, (null, 4), (null, 2)))
            .ToList();

        var report = MetricEngine.Report(answers, Today);

        report.Single(e => e.Metric == Metric.Phq9).ItemsAnswered.ShouldBe(6);
        report.Single(e => e.Metric == Metric.Mood).ItemsAnswered.ShouldBe(0);
        report.Select(e => e.Metric).ShouldBe(Metric.All);
    }
}
