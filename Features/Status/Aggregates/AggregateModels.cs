namespace Mindguard.Features.Status.Aggregates;

/// <param name="Mean">Mean of the respondents' 14-day estimates.</param>
/// <param name="Estimated">Respondents with enough answers for an estimate.</param>
/// <param name="Levels">How many respondents are at each level (empty for trend-only metrics).</param>
public sealed record MetricAggregate(double? Mean, int Estimated, IReadOnlyDictionary<string, int> Levels);

/// <summary>
/// One group (a team, or the organisation when <see cref="TeamId"/> is null) in one period. When
/// <see cref="Suppressed"/> is true there are no numbers at all: fewer than k people answered, or
/// publishing would reveal such a group by subtraction.
/// </summary>
public sealed record GroupAggregate(
    Guid? TeamId, DateOnly PeriodStart, DateOnly PeriodEnd, bool Suppressed, int Members,
    int? Respondents, double? ParticipationRate, IReadOnlyDictionary<string, MetricAggregate>? Metrics);

public enum Granularity { Day, Week }
