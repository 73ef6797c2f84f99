using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Scheduling;

namespace Mindguard.Features.Wall.Jobs;

/// <summary>
/// Every 10 minutes: posts whose random release instant has come are released together. Each gets a
/// place in the wall's order (drawn in random order within the batch) and loses its release instant,
/// so after release a post carries only the day it was written. Row locks make replicas share the work.
/// </summary>
public sealed class ReleaseWallPostsJob(NpgsqlDataSource db, TimeProvider time, ILogger<ReleaseWallPostsJob> logger) : IRecurringJob
{
    private static readonly string ReleaseSql = Sql.Load<ReleaseWallPostsJob>("ReleaseWallPosts");

    public async Task RunAsync(CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var released = await session.Connection.ExecuteAsync(session.Command(ReleaseSql, new { now = time.GetUtcNow() }, ct));
        await session.CommitAsync(ct);
        if (released > 0) logger.LogInformation("Released {Count} wall posts", released);
    }
}
