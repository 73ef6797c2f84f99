using Mindguard.Features.Status.Metrics;

namespace Mindguard.Features.Status.Periods;

/// <summary>
/// Who is reading, for the rule that a cell needs k respondents besides its reader: a person (who may
/// have been a respondent) or, for integrator events, anyone at all (treated as if they were one).
/// </summary>
public sealed record Reader(IReadOnlyDictionary<DateOnly, ReaderRow> Rows, bool Anyone)
{
    public static readonly Reader AnyoneAtAll = new(new Dictionary<DateOnly, ReaderRow>(), true);
    public static Reader Person(IEnumerable<ReaderRow> rows) => new(rows.ToDictionary(r => r.PeriodStart), false);

    public int In(StoredGroup group) => Anyone ? (group.Respondents > 0 ? 1 : 0)
        : Row(group) is not null ? 1 : 0;

    public int In(StoredGroup group, int metric) => Anyone ? (group.Cells[Metric.All[metric]].Count > 0 ? 1 : 0)
        : Row(group) is { } row && (row.Metrics & (1 << metric)) != 0 ? 1 : 0;

    private ReaderRow? Row(StoredGroup group) =>
        Rows.TryGetValue(group.Period.Start, out var row) && (group.Scope == StoredGroup.Organisation || row.TeamId == group.TeamId) ? row : null;
}

/// <summary>
/// Turns the stored cells of one period into what one reader may see. Nothing is recomputed: a cell is
/// only ever withheld, never changed. A cell is shown with k respondents besides the reader; the total is
/// withheld from a reader for whom the parts they cannot see add up to 1 to k−1 other people.
/// </summary>
public static class ReadingRules
{
    public static IEnumerable<GroupAggregate> ForReader(IReadOnlyList<StoredGroup> period, Reader reader, int k)
    {
        bool GroupShown(StoredGroup g) => !g.Suppressed && g.Scope != StoredGroup.Unassigned && g.Respondents - reader.In(g) >= k;
        bool CellShown(StoredGroup g, int i) =>
            GroupShown(g) && g.Cells[Metric.All[i]] is { Published: true } cell && cell.Count - reader.In(g, i) >= k;

        var parts = period.Where(g => g.Scope != StoredGroup.Organisation).ToList();
        foreach (var group in period.Where(g => g.Scope != StoredGroup.Unassigned))
        {
            var shown = GroupShown(group);
            var metrics = !shown ? null : Metric.All.Select((metric, i) =>
            {
                var visible = CellShown(group, i);
                if (visible && group.Scope == StoredGroup.Organisation)
                {
                    var hidden = parts.Where(p => !CellShown(p, i)).ToList();
                    var count = hidden.Sum(p => p.Cells[metric].Count);
                    var others = reader.Anyone ? count - (count > 0 ? 1 : 0) : count - hidden.Sum(p => reader.In(p, i));
                    if ((others > 0 && others < k) || (reader.Anyone && count > 0 && count < k)) visible = false;
                }
                var cell = group.Cells[metric];
                return (metric, Cell: visible
                    ? new MetricCell(false, cell.Count, cell.Mean, cell.Levels)
                    : new MetricCell(true, null, null, null));
            }).ToDictionary(c => c.metric, c => c.Cell);
            yield return new GroupAggregate(group.TeamId, group.Period.Start, group.Period.End, !shown, group.Members,
                shown ? group.Respondents : null,
                shown && group.Members > 0 ? Math.Round((double)group.Respondents / group.Members, 2) : null, metrics);
        }
    }
}
