namespace Mindguard.Features.Status.Periods;

public enum Granularity { Week, Month }

/// <summary>
/// A calendar period of the organisation's time zone: an ISO week (Monday–Sunday) or a calendar month.
/// These are the only windows aggregates exist for, so no two published windows can be slid past each other.
/// </summary>
public sealed record CalendarPeriod(Granularity Granularity, DateOnly Start, DateOnly End)
{
    public string Name => Granularity == Granularity.Week ? "week" : "month";

    public static CalendarPeriod Containing(Granularity granularity, DateOnly day)
    {
        if (granularity == Granularity.Week)
        {
            var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
            return new(granularity, monday, monday.AddDays(6));
        }
        var first = new DateOnly(day.Year, day.Month, 1);
        return new(granularity, first, first.AddMonths(1).AddDays(-1));
    }

    public CalendarPeriod Next() => Containing(Granularity, End.AddDays(1));

    public static bool IsStart(Granularity granularity, DateOnly day) => Containing(granularity, day).Start == day;
    public static bool IsEnd(Granularity granularity, DateOnly day) => Containing(granularity, day).End == day;

    public static Granularity? Parse(string? value) => value switch
    {
        null or "week" => Granularity.Week,
        "month" => Granularity.Month,
        _ => null,
    };

    /// <summary>
    /// Periods that have closed by <paramref name="today"/> (the organisation's local date), starting with
    /// the one holding <paramref name="first"/>, weeks and months in the order they closed.
    /// </summary>
    public static IEnumerable<CalendarPeriod> ClosedBetween(DateOnly first, DateOnly today)
    {
        var all = new List<CalendarPeriod>();
        foreach (var granularity in new[] { Granularity.Week, Granularity.Month })
            for (var p = Containing(granularity, first); p.End < today; p = p.Next()) all.Add(p);
        // A month ending on a Sunday closes with its week; the week goes first, so the month is compared with it.
        return all.OrderBy(p => p.End).ThenBy(p => p.Granularity);
    }
}
