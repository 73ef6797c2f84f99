using FastEndpoints;
using Mindguard.Features.Wall.Posts;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Wall.Api;

public sealed class GetPostsEndpoint(WallPosts posts) : Endpoint<GetPostsRequest, Page<WallPostResponse>>
{
    public override void Configure()
    {
        Get("/api/wall/posts");
        Roles(RoleSets.AnyMember);
        Description(b => b.Problems(400, 401, 409));
        Summary(s =>
        {
            s.Summary = "Read your organisation's anonymous wall";
            s.Description = "Released posts, newest first. Posts carry no author and only the day they were written. "
                            + "While the organisation has fewer active members than the anonymity threshold (ANONYMITY_K) the answer is 409 with an explanation.";
        });
    }

    public override async Task HandleAsync(GetPostsRequest req, CancellationToken ct)
    {
        var read = await posts.ReadAsync(User.ToActor(), req.AfterNumber, req.Take + 1, ct);
        if (!read.Open)
        {
            await Send.ResultAsync(WallApi.Closed(posts.K));
            return;
        }
        var page = Paging.ToPage(read.Posts, req.Take, p => p.ReleasedSeq);
        await Send.OkAsync(new Page<WallPostResponse>(page.Items.Select(WallPostResponse.From).ToList(), page.NextCursor), ct);
    }
}
