namespace Mindguard.Features.Status.Periods;

/// <summary>How many people are at a level. 1 or 2 read "fewer than 3" (<see cref="Count"/> null);
/// a count withheld because it would reveal such a cell by subtraction has neither.</summary>
public sealed record LevelCount(int? Count, bool FewerThanThree);

/// <summary>
/// One metric of one group in one period as a reader may see it. Suppressed cells carry no numbers.
/// </summary>
/// <param name="Respondents">People with an estimate of this metric in the period.</param>
/// <param name="Mean">Mean of their latest estimates in the period, rounded (WHO-5, burnout: whole numbers; others: one decimal).</param>
/// <param name="Levels">How many are at each level (empty for trend-only metrics).</param>
public sealed record MetricCell(bool Suppressed, int? Respondents, double? Mean, IReadOnlyDictionary<string, LevelCount>? Levels);

/// <summary>
/// One group (a team, or the organisation when <see cref="TeamId"/> is null) in one closed period, as
/// published when the period closed. When <see cref="Suppressed"/> is true there are no numbers at all.
/// </summary>
public sealed record GroupAggregate(
    Guid? TeamId, DateOnly PeriodStart, DateOnly PeriodEnd, bool Suppressed, int Members,
    int? Respondents, double? ParticipationRate, IReadOnlyDictionary<string, MetricCell>? Metrics);

/// <summary>A stored cell: its respondent count is kept even when suppressed, for the read-time rules; numbers only when published.</summary>
public sealed record StoredCell(int Count, bool Published, double? Mean, Dictionary<string, LevelCount>? Levels);

public sealed record StoredGroup(
    CalendarPeriod Period, string Scope, Guid? TeamId, int Members, int Respondents, bool Suppressed, IReadOnlyDictionary<string, StoredCell> Cells)
{
    public const string Team = "team";
    public const string Organisation = "organisation";
    /// <summary>Active members with no team (admins, usually): part of the organisation, never shown on their own.</summary>
    public const string Unassigned = "unassigned";
}

/// <summary>The reader's own respondent row in a period: their team then and which metrics they gave.</summary>
public sealed record ReaderRow(DateOnly PeriodStart, Guid? TeamId, int Metrics);
