using System.Globalization;
using FastEndpoints;
using Mindguard.Features.Wall.Posts;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Wall.Api;

/// <summary>
/// Writing through the API keeps every protection of the bot: the same daily limit, the same random
/// delay before release, and no author stored, even though the caller is known here.
/// </summary>
public sealed class CreatePostEndpoint(WallPosts posts, IOptions<WallOptions> options) : Endpoint<CreatePostRequest, CreatedPostResponse>
{
    public override void Configure()
    {
        Post("/api/wall/posts");
        Roles(RoleSets.AnyMember);
        Description(b => b.Produces<CreatedPostResponse>(202).Problems(400, 401, 409, 429));
        Summary(s =>
        {
            s.Summary = "Write an anonymous post";
            s.Description = "For integrators posting on a person's behalf. The post is stored encrypted with no author and appears after a random delay. "
                            + "Keep the deletionToken for the person: it is the only way to delete the post. 429 when the daily limit is reached.";
            s.ExampleRequest = new CreatePostRequest { Text = "Too many meetings this week; no time left for real work.", Category = "workload" };
        });
    }

    public override async Task HandleAsync(CreatePostRequest req, CancellationToken ct)
    {
        var result = await posts.PublishAsync(User.ToActor(), req.Text.Trim(), req.Category, ct);
        switch (result.Outcome)
        {
            case PublishOutcome.Closed:
                await Send.ResultAsync(WallApi.Closed(posts.K));
                return;
            case PublishOutcome.LimitReached:
                var seconds = (int)Math.Ceiling(result.RetryAfter!.Value.TotalSeconds);
                HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Send.ResultAsync(Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Daily limit reached",
                    detail: $"A person may publish {options.Value.PostsPerDay} posts in 24 hours. Try again in {seconds} s."));
                return;
        }
        var o = options.Value;
        await Send.ResultAsync(TypedResults.Accepted((string?)null, new CreatedPostResponse(result.Token!, req.Category, o.ReleaseMinMinutes, o.ReleaseMaxMinutes)));
    }
}
