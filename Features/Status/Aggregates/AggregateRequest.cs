using FastEndpoints;
using FluentValidation;
using Mindguard.Features.Status.Periods;

namespace Mindguard.Features.Status.Aggregates;

public class AggregateRequest
{
    /// <summary>Periods listed: the latest closed ones when neither <c>from</c> nor <c>to</c> is given.</summary>
    public const int DefaultPeriods = 13;

    public const string Accepted = "aggregates exist for closed calendar periods only: granularity week (ISO weeks, Monday–Sunday) or month; " +
        "from must be a period's first day (a Monday, or the 1st) and to a period's last day (a Sunday, or the month's last day)";

    /// <summary>First day of the first period to list (yyyy-MM-dd): a Monday for weeks, the 1st for months.</summary>
    public DateOnly? From { get; set; }
    /// <summary>Last day of the last period to list (yyyy-MM-dd): a Sunday for weeks, a month's last day for months.</summary>
    public DateOnly? To { get; set; }
    /// <summary>week (default) or month.</summary>
    public string? Granularity { get; set; }

    public Granularity ResolvedGranularity => CalendarPeriod.Parse(Granularity) ?? Periods.Granularity.Week;

    /// <summary>How many periods at most: all in the range when one is given, else the latest few.</summary>
    public int Limit => From is null && To is null ? DefaultPeriods : 400;

    internal sealed class Validator : Validator<AggregateRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Granularity).Must(g => CalendarPeriod.Parse(g) is not null).WithMessage($"granularity must be week or month: {Accepted}");
            RuleFor(r => r.From).Must((r, from) => CalendarPeriod.IsStart(r.ResolvedGranularity, from!.Value))
                .When(r => r.From is not null && CalendarPeriod.Parse(r.Granularity) is not null)
                .WithMessage($"from is not the first day of a period: {Accepted}");
            RuleFor(r => r.To).Must((r, to) => CalendarPeriod.IsEnd(r.ResolvedGranularity, to!.Value))
                .When(r => r.To is not null && CalendarPeriod.Parse(r.Granularity) is not null)
                .WithMessage($"to is not the last day of a period: {Accepted}");
            RuleFor(r => r).Must(r => r.From is null || r.To is null || r.From <= r.To).WithMessage("from must not be after to");
            RuleFor(r => r).Must(r => r.From is null || r.To is null || r.To.Value.DayNumber - r.From.Value.DayNumber <= 366)
                .WithMessage("the range may cover at most a year");
        }
    }
}

public sealed class TeamAggregateRequest : AggregateRequest
{
    public Guid Id { get; set; }
}

/// <param name="From">First day of the first period listed (null when none is).</param>
/// <param name="To">Last day of the last period listed.</param>
public sealed record AggregatesResponse(DateOnly? From, DateOnly? To, string Granularity, int AnonymityThreshold, IReadOnlyList<GroupAggregate> Groups)
{
    public static AggregatesResponse Of(IReadOnlyList<GroupAggregate> groups, Granularity granularity, int k) => new(
        groups.Count == 0 ? null : groups.Min(g => g.PeriodStart), groups.Count == 0 ? null : groups.Max(g => g.PeriodEnd),
        granularity == Periods.Granularity.Week ? "week" : "month", k, groups);
}
