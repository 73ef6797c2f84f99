namespace Mindguard.Tests.Features.Status.Periods;

/// <summary>One published metric cell as a reader saw it, with the people the test knows are behind it.</summary>
public sealed record SeenCell(string Where, string Metric, DateOnly Start, DateOnly End, double Mean, IReadOnlySet<int> Respondents)
{
    public bool Overlaps(SeenCell other) => Start <= other.End && other.Start <= End;
    public bool Contains(DateOnly day) => Start <= day && day <= End;
}

/// <summary>
/// What an insider can compute from every cell they were shown. Each person is one unknown: treating a
/// person's values in overlapping periods as the same number is the attacker's best case, so a cell set
/// that survives this model survives the real one. The reader knows their own value.
/// </summary>
public static class CellAudit
{
    public static IEnumerable<string> Violations(IReadOnlyCollection<SeenCell> cells, int? reader, int target, int people, int k)
    {
        var distinct = cells.DistinctBy(c => (c.Where, c.Metric, c.Start, c.End, c.Mean, Key(c.Respondents))).ToList();
        foreach (var cell in distinct)
        {
            var others = cell.Respondents.Count(p => p != reader);
            if (others < k) yield return $"{cell.Where} {cell.Metric} {cell.Start}–{cell.End}: {others} respondents besides the reader";
        }

        foreach (var group in distinct.GroupBy(c => c.Metric))
        {
            var list = group.ToList();
            for (var i = 0; i < list.Count; i++)
            for (var j = i + 1; j < list.Count; j++)
            {
                if (!list[i].Overlaps(list[j])) continue;
                var difference = list[i].Respondents.Except(list[j].Respondents).Concat(list[j].Respondents.Except(list[i].Respondents)).Count(p => p != reader);
                if (difference > 0 && difference < k)
                    yield return $"{list[i].Where} {list[i].Start}–{list[i].End} and {list[j].Where} {list[j].Start}–{list[j].End} ({group.Key}) differ by {difference} people";
            }

            // Every set of cells that share a day: can the target's value be written as a combination of them?
            foreach (var day in list.SelectMany(c => new[] { c.Start, c.End }).Distinct())
            {
                var cellsOfDay = list.Where(c => c.Contains(day)).DistinctBy(c => Key(c.Respondents)).ToList();
                var family = cellsOfDay.Select(c => c.Respondents).ToList();
                if (!family.Any(s => s.Contains(target))) continue;
                var rows = family.Select(s => Vector(s, people)).ToList();
                if (reader is { } r) rows.Add(Vector([r], people));
                if (Solvable(rows, Vector([target], people)))
                    yield return $"the target's {group.Key} can be solved from the {family.Count} cells covering {day}: " +
                        string.Join("; ", cellsOfDay.Select(c => $"{c.Where} {c.Start}–{c.End} {{{Key(c.Respondents)}}}"));
            }
        }
    }

    private static string Key(IReadOnlySet<int> set) => string.Join(",", set.Order());

    private static double[] Vector(IEnumerable<int> members, int people)
    {
        var v = new double[people];
        foreach (var m in members) v[m] = 1;
        return v;
    }

    /// <summary>Whether <paramref name="wanted"/> lies in the span of <paramref name="rows"/> (rank does not grow).</summary>
    public static bool Solvable(IReadOnlyList<double[]> rows, double[] wanted) =>
        Rank(rows) == Rank([.. rows, wanted]);

    private static int Rank(IReadOnlyList<double[]> rows)
    {
        var m = rows.Select(r => (double[])r.Clone()).ToArray();
        var rank = 0;
        var columns = m.Length == 0 ? 0 : m[0].Length;
        for (var c = 0; c < columns && rank < m.Length; c++)
        {
            var pivot = Enumerable.Range(rank, m.Length - rank).FirstOrDefault(i => Math.Abs(m[i][c]) > 1e-9, -1);
            if (pivot < 0) continue;
            (m[rank], m[pivot]) = (m[pivot], m[rank]);
            for (var i = 0; i < m.Length; i++)
            {
                if (i == rank || Math.Abs(m[i][c]) < 1e-9) continue;
                var factor = m[i][c] / m[rank][c];
                for (var j = c; j < columns; j++) m[i][j] -= factor * m[rank][j];
            }
            rank++;
        }
        return rank;
    }
}
