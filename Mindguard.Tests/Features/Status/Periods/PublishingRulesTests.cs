using Mindguard.Features.Status.Metrics;
using Mindguard.Features.Status.Periods;

namespace Mindguard.Tests.Features.Status.Periods;

/// <summary>The pure rules behind published cells, table-tested without a database.</summary>
public sealed class PublishingRulesTests
{
    private const int K = 5;
    private static readonly CalendarPeriod Week = new(Granularity.Week, new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 29));

    private static List<Respondent> People(int count, Guid team, double who5 = 60) =>
        Enumerable.Range(0, count).Select(_ => new Respondent(Guid.NewGuid(), team, [who5, null, null, null, null, null, null, null, null])).ToList();

    private static ClosingGroup Team(Guid id, List<Respondent> people) => new(StoredGroup.Team, id, people.Count, people);

    private static ClosingGroup Total(params List<Respondent>[] parts) =>
        new(StoredGroup.Organisation, null, parts.Sum(p => p.Count), parts.SelectMany(p => p).ToList());

    private static StoredCell Who5(IReadOnlyList<(ClosingGroup Group, bool Suppressed, Dictionary<string, StoredCell> Cells)> closed, string scope, Guid? team = null) =>
        closed.Single(c => c.Group.Scope == scope && c.Group.TeamId == team).Cells[Metric.Who5];

    [Theory]
    [InlineData("2026-12-05", Granularity.Week, "2026-11-30", "2026-12-06")]
    [InlineData("2026-11-30", Granularity.Week, "2026-11-30", "2026-12-06")]
    [InlineData("2026-12-06", Granularity.Week, "2026-11-30", "2026-12-06")]
    [InlineData("2026-02-14", Granularity.Month, "2026-02-01", "2026-02-28")]
    [InlineData("2028-02-29", Granularity.Month, "2028-02-01", "2028-02-29")]
    public void Periods_are_iso_weeks_and_calendar_months(string day, Granularity granularity, string start, string end)
    {
        var period = CalendarPeriod.Containing(granularity, DateOnly.Parse(day));

        period.ShouldBe(new CalendarPeriod(granularity, DateOnly.Parse(start), DateOnly.Parse(end)));
        CalendarPeriod.IsStart(granularity, period.Start).ShouldBeTrue();
        CalendarPeriod.IsEnd(granularity, period.End).ShouldBeTrue();
        CalendarPeriod.IsEnd(granularity, period.End.AddDays(-1)).ShouldBeFalse();
    }

    [Fact]
    public void Only_closed_periods_are_listed_and_a_week_closes_before_the_month_ending_with_it()
    {
        // 31 May 2026 is a Sunday: its week and its month end together.
        var closed = CalendarPeriod.ClosedBetween(new DateOnly(2026, 5, 20), new DateOnly(2026, 6, 3)).ToList();

        closed.ShouldAllBe(p => p.End < new DateOnly(2026, 6, 3));
        closed.Select(p => $"{p.Name} {p.Start:MM-dd}").ShouldBe(["week 05-18", "week 05-25", "month 05-01"]);
    }

    [Theory]
    [InlineData(Metric.Who5, 66.666, 67)]
    [InlineData(Metric.Burnout, 49.5, 50)]
    [InlineData(Metric.Phq9, 9.349, 9.3)]
    [InlineData(Metric.Gad7, 10.06, 10.1)]
    [InlineData(Metric.Stress, 21.96, 22.0)]
    [InlineData(Metric.Mood, 3.14, 3.1)]
    public void Means_are_rounded_per_metric(string metric, double value, double rounded) =>
        Rounding.Mean(metric, value).ShouldBe(rounded);

    [Fact]
    public void A_team_needs_k_respondents_and_the_total_hides_a_small_remainder()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        var big = People(K, a);
        var small = People(K - 1, b);

        var closed = ClosingRules.Close([Team(a, big), Team(b, small), Total(big, small)], [], K);

        Who5(closed, StoredGroup.Team, a).Published.ShouldBeTrue();
        Who5(closed, StoredGroup.Team, b).Published.ShouldBeFalse();
        Who5(closed, StoredGroup.Team, b).Count.ShouldBe(K - 1);
        Who5(closed, StoredGroup.Organisation).Published.ShouldBeFalse();
    }

    [Fact]
    public void A_cell_one_person_away_from_an_overlapping_published_cell_is_suppressed()
    {
        var a = Guid.NewGuid();
        var month = People(K + 3, a);
        var weekPeople = month.Skip(1).ToList();
        var published = new PublishedAtoms(new Dictionary<string, IReadOnlyList<IReadOnlySet<Guid>>>
        {
            [Metric.Who5] = [month.Select(p => p.Key).ToHashSet()],
        });

        var closed = ClosingRules.Close([Team(a, weekPeople)], [published], K);
        var unrelated = ClosingRules.Close([Team(a, weekPeople)], [], K);

        Who5(closed, StoredGroup.Team, a).Published.ShouldBeFalse();
        Who5(unrelated, StoredGroup.Team, a).Published.ShouldBeTrue();
    }

    [Fact]
    public void Level_counts_of_one_or_two_read_fewer_than_three_and_the_total_withholds_them()
    {
        var a = Guid.NewGuid();
        var people = People(K, a, who5: 60).Concat(People(2, a, who5: 20)).ToList();

        var closed = ClosingRules.Close([Team(a, people), Total(people)], [], K);

        var team = Who5(closed, StoredGroup.Team, a);
        team.Levels!["critical"].ShouldBe(new LevelCount(null, true));
        team.Levels["ok"].ShouldBe(new LevelCount(K, false));
        team.Mean.ShouldBe(49);
        Who5(closed, StoredGroup.Organisation).Levels!["critical"].ShouldBe(new LevelCount(null, false));
    }

    [Fact]
    public void A_reader_among_the_respondents_needs_k_others_and_integrators_are_treated_as_one_of_them()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        var team = People(K, a);
        var other = People(K + 2, b);
        var closed = ClosingRules.Close([Team(a, team), Team(b, other), Total(team, other)], [], K);
        var stored = closed.Select(c => new StoredGroup(Week, c.Group.Scope, c.Group.TeamId, c.Group.Members, c.Group.Respondents.Count, c.Suppressed, c.Cells)).ToList();
        var respondent = Reader.Person([new ReaderRow(Week.Start, a, 1)]);
        var outsider = Reader.Person([]);

        GroupAggregate Seen(Reader reader, Guid? teamId) => ReadingRules.ForReader(stored, reader, K).Single(g => g.TeamId == teamId);

        Seen(outsider, a).Suppressed.ShouldBeFalse();
        Seen(respondent, a).Suppressed.ShouldBeTrue();
        Seen(Reader.AnyoneAtAll, a).Suppressed.ShouldBeTrue();
        Seen(Reader.AnyoneAtAll, b).Suppressed.ShouldBeFalse();
        // The total minus team b would give the respondent the other four of team a.
        Seen(outsider, null).Metrics![Metric.Who5].Suppressed.ShouldBeFalse();
        Seen(respondent, null).Metrics![Metric.Who5].Suppressed.ShouldBeTrue();
    }

    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(1, null, true)]
    [InlineData(2, null, true)]
    [InlineData(3, 3, false)]
    public void Only_level_counts_of_one_or_two_are_coarsened(int count, int? shown, bool fewerThanThree) =>
        Rounding.Level(count).ShouldBe(new LevelCount(shown, fewerThanThree));

    [Fact]
    public void The_total_withholds_only_the_levels_a_published_team_shows_as_fewer_than_three()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        var allOk = People(K, a, who5: 60);
        // Team b: three critical (shown as 3) and two ok (shown as "fewer than 3").
        var mixed = People(3, b, who5: 20).Concat(People(2, b, who5: 60)).ToList();

        var closed = ClosingRules.Close([Team(a, allOk), Team(b, mixed), Total(allOk, mixed)], [], K);

        var total = Who5(closed, StoredGroup.Organisation);
        total.Levels!["critical"].ShouldBe(new LevelCount(3, false));
        total.Levels["ok"].ShouldBe(new LevelCount(null, false));
        Who5(closed, StoredGroup.Team, b).Levels!["ok"].ShouldBe(new LevelCount(null, true));
    }
}
