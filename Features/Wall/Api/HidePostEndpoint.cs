using FastEndpoints;
using Mindguard.Features.Wall.Posts;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Wall.Api;

public sealed class HidePostEndpoint(WallPosts posts) : Endpoint<PostIdRequest, ModeratedPostResponse>
{
    public override void Configure()
    {
        Post("/api/wall/posts/{id}/hide");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Problems(400, 401, 403, 404, 409));
        Summary(s =>
        {
            s.Summary = "Hide a post";
            s.Description = "Members stop seeing it at once. It stays listed in GET /api/wall/moderation and can be restored.";
        });
    }

    public override async Task HandleAsync(PostIdRequest req, CancellationToken ct)
    {
        var result = await posts.ModerateAsync(User.ToActor(), req.Id, "admin", ct);
        if (!result.Open)
        {
            await Send.ResultAsync(WallApi.Closed(posts.K));
            return;
        }
        if (result.Post is null)
        {
            await Send.NotFoundAsync(ct);
            return;
        }
        await Send.OkAsync(ModeratedPostResponse.From(result.Post), ct);
    }
}
