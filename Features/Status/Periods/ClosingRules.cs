using Mindguard.Features.Status.Metrics;

namespace Mindguard.Features.Status.Periods;

/// <summary>A member of a group in a closing period with their latest estimates in it (null: none).</summary>
public sealed record Respondent(Guid Key, Guid? TeamId, double?[] Values)
{
    public bool Has(int metric) => Values[metric] is not null;
}

/// <summary>A group of a closing period: its members then, and those who answered.</summary>
public sealed record ClosingGroup(string Scope, Guid? TeamId, int Members, IReadOnlyList<Respondent> Respondents);

/// <summary>
/// What one published period lets anyone compute, per metric: its published team cells and, when its total
/// is published, the rest of the organisation (total minus those teams). Every published number of the
/// period is a sum of these disjoint sets ("atoms").
/// </summary>
public sealed record PublishedAtoms(IReadOnlyDictionary<string, IReadOnlyList<IReadOnlySet<Guid>>> ByMetric);

/// <summary>
/// Decides, once, which cells of a closing period are published. Pure, so every rule is table-tested.
/// <list type="number">
/// <item>A cell needs at least k respondents (the reader is excluded later, when it is read).</item>
/// <item>Per metric, the organisation total is suppressed when the cells not published add up to 1 to k
/// people (total minus the published parts would describe them, or k of them one of whom reads it).</item>
/// <item>Against each published period it overlaps (a week and its months), the people behind the cells
/// of both fall into classes: those in exactly the same cells. Any sum or difference of published
/// numbers is a sum over whole classes, so every class must hold more than k people, or be one whole
/// cell (which the read-time rule protects). Otherwise the total, then the team cells holding the small
/// classes, are suppressed until it holds. Periods that do not overlap hold different values and are not compared.</item>
/// <item>A level count of 1 or 2 reads "fewer than 3"; the total withholds a level that any published team
/// shows as "fewer than 3", which subtraction would otherwise make exact.</item>
/// </list>
/// </summary>
public static class ClosingRules
{
    public static IReadOnlyList<(ClosingGroup Group, bool Suppressed, Dictionary<string, StoredCell> Cells)> Close(
        IReadOnlyList<ClosingGroup> groups, IReadOnlyList<PublishedAtoms> overlapping, int k)
    {
        var suppressed = groups.Select(g => g.Scope == StoredGroup.Unassigned || g.Respondents.Count < k).ToArray();
        var sets = groups.Select(g => Metric.All.Select((_, i) => g.Respondents.Where(r => r.Has(i)).Select(r => r.Key).ToHashSet()).ToArray()).ToArray();
        var publish = groups.Select((g, gi) => Metric.All.Select((_, i) => !suppressed[gi] && sets[gi][i].Count >= k).ToArray()).ToArray();
        var total = groups.ToList().FindIndex(g => g.Scope == StoredGroup.Organisation);
        var parts = Enumerable.Range(0, groups.Count).Where(gi => gi != total).ToList();

        for (var i = 0; i < Metric.All.Count; i++)
        {
            var metric = Metric.All[i];
            while (true)
            {
                if (total >= 0 && publish[total][i])
                {
                    var hidden = parts.Where(p => !publish[p][i]).Sum(p => sets[p][i].Count);
                    if (hidden > 0 && hidden <= k) publish[total][i] = false;
                }
                var atoms = parts.Where(p => publish[p][i]).Select(p => (Group: p, Set: (IReadOnlySet<Guid>)sets[p][i])).ToList();
                if (total >= 0 && publish[total][i])
                {
                    var rest = sets[total][i].Where(x => !atoms.Any(a => a.Set.Contains(x))).ToHashSet();
                    if (rest.Count > 0) atoms.Add((total, rest));
                }
                var theirs = overlapping.Select(p => p.ByMetric.TryGetValue(metric, out var published) ? published : []).ToList();
                var small = theirs.SelectMany(t => SmallClasses(atoms.Select(a => a.Set).ToList(), t, k)).ToHashSet();
                if (small.Count == 0) break;
                // Drop the total first (it makes the rest of the organisation computable), then the team cell that
                // most overlaps the cells holding the small classes: without it they merge with their neighbours.
                var near = atoms.Select(a => a.Set).Concat(theirs.SelectMany(t => t)).Where(a => a.Any(small.Contains)).SelectMany(a => a).ToHashSet();
                var drop = total >= 0 && publish[total][i] ? total : atoms.OrderByDescending(a => a.Set.Count(near.Contains)).First().Group;
                publish[drop][i] = false;
            }
        }

        return groups.Select((g, gi) => (g, suppressed[gi], Metric.All.Select((metric, i) =>
        {
            if (!publish[gi][i]) return (metric, new StoredCell(sets[gi][i].Count, false, null, null));
            var values = g.Respondents.Where(r => r.Has(i)).Select(r => r.Values[i]!.Value).ToList();
            var levels = values.Select(v => Thresholds.Level(metric, v)).OfType<string>().GroupBy(l => l)
                .ToDictionary(l => l.Key, l => Rounding.Level(l.Count()));
            if (gi == total)
            {
                foreach (var level in levels.Keys.ToList())
                    if (parts.Any(p => publish[p][i] && Coarsened(groups[p], i, metric, level)))
                        levels[level] = new LevelCount(null, false);
            }
            return (metric, new StoredCell(sets[gi][i].Count, true, Rounding.Mean(metric, values.Average()), levels));
        }).ToDictionary(c => c.metric, c => c.Item2))).ToList();
    }

    /// <summary>
    /// People who share exactly the same cells across two overlapping periods, in classes of 1 to k that
    /// are not a whole cell: any such class can be isolated by adding and subtracting published numbers.
    /// </summary>
    public static IEnumerable<Guid> SmallClasses(IReadOnlyList<IReadOnlySet<Guid>> mine, IReadOnlyList<IReadOnlySet<Guid>> theirs, int k)
    {
        if (mine.Count == 0 || theirs.Count == 0) yield break;
        var atoms = mine.Concat(theirs).ToList();
        var classes = atoms.SelectMany(a => a).Distinct()
            .GroupBy(x => string.Join(',', Enumerable.Range(0, atoms.Count).Where(a => atoms[a].Contains(x))));
        foreach (var c in classes)
        {
            var members = c.ToList();
            if (members.Count > k || atoms.Any(a => a.Count == members.Count && members.All(a.Contains))) continue;
            foreach (var x in members) yield return x;
        }
    }

    private static bool Coarsened(ClosingGroup group, int index, string metric, string level)
    {
        var count = group.Respondents.Count(r => r.Has(index) && Thresholds.Level(metric, r.Values[index]!.Value) == level);
        return count is > 0 and < 3;
    }
}
