using FastEndpoints;
using FluentValidation;

namespace Mindguard.Features.Status.Aggregates;

public class AggregateRequest
{
    /// <summary>First day (yyyy-MM-dd); default 12 weeks before <c>to</c>.</summary>
    public DateOnly? From { get; set; }
    /// <summary>Last day (yyyy-MM-dd); default today (UTC).</summary>
    public DateOnly? To { get; set; }
    /// <summary>week (default) or day.</summary>
    public string? Granularity { get; set; }

    public (DateOnly From, DateOnly To, Granularity Granularity) Resolve(TimeProvider time)
    {
        var to = To ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var granularity = Granularity == "day" ? Aggregates.Granularity.Day : Aggregates.Granularity.Week;
        var from = From ?? to.AddDays(-83);
        return (from, to, granularity);
    }

    internal sealed class Validator : Validator<AggregateRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Granularity).Must(g => g is "day" or "week").When(r => r.Granularity is not null).WithMessage("granularity must be day or week");
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

public sealed record AggregatesResponse(DateOnly From, DateOnly To, string Granularity, int AnonymityThreshold, IReadOnlyList<GroupAggregate> Groups);
