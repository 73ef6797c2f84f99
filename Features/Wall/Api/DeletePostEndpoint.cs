using FastEndpoints;
using Mindguard.Features.Wall.Posts;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Wall.Api;

/// <summary>
/// Deletion by token, not by id: whoever holds the token wrote the post, and nothing else can tell.
/// The token travels in the body so it never lands in a request log's path.
/// </summary>
public sealed class DeletePostEndpoint(WallPosts posts) : Endpoint<DeletePostRequest>
{
    public override void Configure()
    {
        Post("/api/wall/deletions");
        Roles(RoleSets.AnyMember);
        Description(b => b.Produces(204).Problems(400, 401, 404));
        Summary(s =>
        {
            s.Summary = "Delete a post you wrote, with its deletion token";
            s.Description = "The token is the deletionToken returned by POST /api/wall/posts. 404 when no post of your organisation has that token.";
            s.ExampleRequest = new DeletePostRequest { Token = "q3Hk0wYl8dC2xE7vN5bJpA1s" };
        });
    }

    public override async Task HandleAsync(DeletePostRequest req, CancellationToken ct)
    {
        if (!DeletionTokens.TryDecode(req.Token, out var token) || !await posts.DeleteAsync(User.ToActor(), token, ct))
        {
            await Send.NotFoundAsync(ct);
            return;
        }
        await Send.NoContentAsync(ct);
    }
}
