using Mindguard.Features.Status.Metrics;
using Mindguard.Features.Status.Periods;

namespace Mindguard.Tests.Features.Status.Periods;

/// <summary>What one reader may see of a closed period's stored cells, table-tested without a database.</summary>
public sealed class ReadingRulesTests
{
    private const int K = 5;
    private static readonly CalendarPeriod Week = new(Granularity.Week, new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 29));
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid();

    /// <summary>A stored group; each (metric, count, published) cell, the others empty.</summary>
    private static StoredGroup Group(Guid? team, int members, int respondents, params (string Metric, int Count, bool Published)[] cells) =>
        new(Week, team is null ? StoredGroup.Organisation : StoredGroup.Team, team, members, respondents, false,
            Metric.All.ToDictionary(m => m, m => cells.Where(c => c.Metric == m).Select(c => new StoredCell(c.Count, c.Published, c.Published ? 50 : null, null))
                .DefaultIfEmpty(new StoredCell(0, false, null, null)).Single()));

    private static GroupAggregate Seen(IReadOnlyList<StoredGroup> period, Reader reader, Guid? team) =>
        ReadingRules.ForReader(period, reader, K).Single(g => g.TeamId == team);

    private static bool CellShown(GroupAggregate group, string metric) => !group.Metrics![metric].Suppressed;

    private static readonly Reader Outsider = Reader.Person([]);

    private static Reader Member(Guid team, params int[] metrics) =>
        Reader.Person([new ReaderRow(Week.Start, team, metrics.Sum(m => 1 << m))]);

    [Fact]
    public void A_shown_group_gives_its_respondents_and_participation_and_a_suppressed_one_nothing()
    {
        var shown = Group(A, members: 9, respondents: 7, (Metric.Who5, 7, true));
        var small = Group(B, members: 4, respondents: 3, (Metric.Who5, 3, false));
        var suppressedAtClose = Group(Guid.NewGuid(), members: 9, respondents: 8, (Metric.Who5, 8, true)) with { Suppressed = true };

        var seen = ReadingRules.ForReader([shown, small, suppressedAtClose], Outsider, K).ToList();

        // 7 of 9 is 0.777…, rounded to two places.
        seen[0].ShouldBe(seen[0] with { Suppressed = false, Members = 9, Respondents = 7, ParticipationRate = 0.78 });
        seen[0].Metrics![Metric.Who5].ShouldBe(new MetricCell(false, 7, 50, null));
        foreach (var hidden in seen.Skip(1))
        {
            hidden.Suppressed.ShouldBeTrue();
            hidden.Respondents.ShouldBeNull();
            hidden.ParticipationRate.ShouldBeNull();
            hidden.Metrics.ShouldBeNull();
        }
    }

    [Fact]
    public void A_cell_needs_k_respondents_besides_the_reader_who_counts_only_in_the_metrics_they_gave()
    {
        // K + 1 respondents; all gave WHO-5, K of them PHQ-9 (metric 1), the reader among them.
        var period = new[] { Group(A, K + 1, K + 1, (Metric.Who5, K + 1, true), (Metric.Phq9, K, true)) };

        var reader = Seen(period, Member(A, 1), A);
        var outsider = Seen(period, Outsider, A);

        CellShown(reader, Metric.Who5).ShouldBeTrue();
        CellShown(reader, Metric.Phq9).ShouldBeFalse();
        CellShown(outsider, Metric.Phq9).ShouldBeTrue();
    }

    [Fact]
    public void A_reader_counts_in_their_own_team_and_the_total_not_in_other_teams()
    {
        var period = new[] { Group(A, K + 1, K + 1, (Metric.Who5, K + 1, true)), Group(B, K, K, (Metric.Who5, K, true)) };

        Seen(period, Member(A, 0), B).Suppressed.ShouldBeFalse();
        Seen(period, Member(B, 0), B).Suppressed.ShouldBeTrue();
    }

    [Fact]
    public void An_integrator_counts_as_one_of_the_respondents_of_every_cell()
    {
        var period = new[] { Group(A, K + 1, K + 1, (Metric.Who5, K + 1, true), (Metric.Phq9, K, true)) };

        var seen = Seen(period, Reader.AnyoneAtAll, A);

        CellShown(seen, Metric.Who5).ShouldBeTrue();
        CellShown(seen, Metric.Phq9).ShouldBeFalse();
    }

    [Fact]
    public void The_total_is_withheld_when_the_parts_a_reader_cannot_see_hold_1_to_k_minus_1_others()
    {
        // Team B's WHO-5 cell was withheld when the period closed: K people the total minus team A would describe.
        var period = new[]
        {
            Group(A, K + 1, K + 1, (Metric.Who5, K + 1, true)),
            Group(B, K, K, (Metric.Who5, K, false)),
            Group(null, 2 * K + 1, 2 * K + 1, (Metric.Who5, 2 * K + 1, true)),
        };

        CellShown(Seen(period, Outsider, null), Metric.Who5).ShouldBeTrue();      // K others: enough
        CellShown(Seen(period, Member(B, 0), null), Metric.Who5).ShouldBeFalse(); // K − 1 besides the reader
        CellShown(Seen(period, Reader.AnyoneAtAll, null), Metric.Who5).ShouldBeFalse(); // treated as one of them
        CellShown(Seen(period, Outsider, A), Metric.Who5).ShouldBeTrue();         // the rule is the total's only
    }

    [Fact]
    public void A_small_team_hidden_from_everyone_hides_the_total_but_not_the_other_teams()
    {
        var period = new[]
        {
            Group(A, K + 2, K + 2, (Metric.Who5, K + 2, true)),
            Group(B, 2, 2, (Metric.Who5, 2, false)),
            Group(null, K + 4, K + 4, (Metric.Who5, K + 4, true)),
        };

        CellShown(Seen(period, Outsider, A), Metric.Who5).ShouldBeTrue();
        CellShown(Seen(period, Outsider, null), Metric.Who5).ShouldBeFalse();
        CellShown(Seen(period, Reader.AnyoneAtAll, null), Metric.Who5).ShouldBeFalse();
    }
}
