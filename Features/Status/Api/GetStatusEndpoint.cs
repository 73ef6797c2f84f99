using FastEndpoints;
using Mindguard.Features.Status.Metrics;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Status.Api;

/// <param name="Ready">False until there are answers on more than 7 days; estimates are then empty.</param>
public sealed record StatusResponse(int DaysWithAnswers, bool Ready, DateOnly Today, IReadOnlyList<MetricEstimate> Metrics);

public sealed class GetStatusEndpoint(Members members, PersonalStatus status) : EndpointWithoutRequest<StatusResponse>
{
    public override void Configure()
    {
        Get("/api/me/status");
        Roles(RoleSets.AnyMember);
        Description(b => b.Problems(401));
        Summary(s =>
        {
            s.Summary = "Your 14-day estimates";
            s.Description = "WHO-5, PHQ-9, GAD-7, burnout, stress, sleep, work–life balance and mood over the last 14 days, with levels and the change against the 14 days before. Estimates, not a diagnosis.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var member = await members.FindAsync(User.ToActor(), ct);
        if (member is null)
        {
            await Send.ResultAsync(ApiProblems.NotFound());
            return;
        }
        var view = await status.ReadAsync(member, ct);
        await Send.OkAsync(new StatusResponse(view.DaysWithAnswers, view.Ready, view.Today, view.Ready ? view.Estimates : []), ct);
    }
}
