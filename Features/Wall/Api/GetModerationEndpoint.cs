using FastEndpoints;
using Mindguard.Features.Wall.Posts;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Wall.Api;

/// <summary>
/// Released posts with their moderation state. Posts waiting for release are not listed, to admins
/// either: seeing a post the moment it is written would undo the delay that protects its author.
/// </summary>
public sealed class GetModerationEndpoint(WallPosts posts) : Endpoint<GetModerationRequest, Page<ModeratedPostResponse>>
{
    public override void Configure()
    {
        Get("/api/wall/moderation");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Problems(400, 401, 403, 409));
        Summary(s =>
        {
            s.Summary = "Wall posts for moderation";
            s.Description = "Every released post of your organisation, hidden ones included, newest first; ?hidden=true lists only hidden posts. "
                            + "Posts still waiting for their release are never listed.";
        });
    }

    public override async Task HandleAsync(GetModerationRequest req, CancellationToken ct)
    {
        var read = await posts.ReadAsync(User.ToActor(), req.AfterNumber, req.Take + 1, ct, moderation: true, onlyHidden: req.Hidden == true);
        if (!read.Open)
        {
            await Send.ResultAsync(WallApi.Closed(posts.K));
            return;
        }
        var page = Paging.ToPage(read.Posts, req.Take, p => p.ReleasedSeq);
        await Send.OkAsync(new Page<ModeratedPostResponse>(page.Items.Select(ModeratedPostResponse.From).ToList(), page.NextCursor), ct);
    }
}
