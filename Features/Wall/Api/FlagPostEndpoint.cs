using FastEndpoints;
using Mindguard.Features.Wall.Posts;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Wall.Api;

public sealed class FlagPostEndpoint(WallPosts posts) : Endpoint<PostIdRequest, FlagResponse>
{
    public override void Configure()
    {
        Post("/api/wall/posts/{id}/flags");
        Roles(RoleSets.AnyMember);
        Description(b => b.Problems(400, 401, 404, 409));
        Summary(s =>
        {
            s.Summary = "Flag a post for review";
            s.Description = "Each member's flag counts once. Three flags from different members hide the post until an admin reviews it. Who flagged is not stored.";
        });
    }

    public override async Task HandleAsync(PostIdRequest req, CancellationToken ct)
    {
        switch (await posts.FlagAsync(User.ToActor(), req.Id, ct))
        {
            case FlagOutcome.Closed:
                await Send.ResultAsync(WallApi.Closed(posts.K));
                break;
            case FlagOutcome.NotFound:
                await Send.NotFoundAsync(ct);
                break;
            case var outcome:
                await Send.OkAsync(new FlagResponse(outcome == FlagOutcome.Flagged), ct);
                break;
        }
    }
}
