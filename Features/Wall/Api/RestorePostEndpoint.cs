using FastEndpoints;
using Mindguard.Features.Wall.Posts;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Wall.Api;

public sealed class RestorePostEndpoint(WallPosts posts) : Endpoint<PostIdRequest, ModeratedPostResponse>
{
    public override void Configure()
    {
        Post("/api/wall/posts/{id}/restore");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Problems(400, 401, 403, 404, 409));
        Summary(s =>
        {
            s.Summary = "Restore a hidden post";
            s.Description = "Makes it visible again and clears its flags; members who flagged it before cannot hide it again with the same flags.";
        });
    }

    public override async Task HandleAsync(PostIdRequest req, CancellationToken ct)
    {
        var result = await posts.ModerateAsync(User.ToActor(), req.Id, null, ct);
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
