using FastEndpoints;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Status.Api;

public sealed class GetStatusChartEndpoint(Members members, PersonalStatus status) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/api/me/status/chart.png");
        Roles(RoleSets.AnyMember);
        Description(b => b.Produces(200, typeof(byte[]), "image/png").Problems(401, 409));
        Summary(s =>
        {
            s.Summary = "Your 30-day trend chart";
            s.Description = "Mood, WHO-5 and stress over 30 days as a PNG, each as a percentage of its own scale.";
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
        if (!view.Ready)
        {
            await Send.ResultAsync(Results.Problem(statusCode: 409, title: "Not enough data yet",
                detail: $"The chart appears once there are answers on more than {PersonalStatus.DaysNeeded} days (so far: {view.DaysWithAnswers})."));
            return;
        }
        await Send.BytesAsync(TrendChart.Personal(view, member.Language), contentType: "image/png", cancellation: ct);
    }
}
