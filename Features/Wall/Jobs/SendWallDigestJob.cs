using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Privacy;
using Mindguard.Infrastructure.Scheduling;
using Mindguard.Infrastructure.Telegram.Outbox;

namespace Mindguard.Features.Wall.Jobs;

/// <summary>
/// Daily: each organisation's admins hear how many posts were released since the last digest and how
/// many wait for review, in one message each, never one per post. What has been told is claimed in
/// the same transaction that queues the messages, so a re-run or a second replica says nothing twice.
/// </summary>
public sealed class SendWallDigestJob(NpgsqlDataSource db, IOptions<AnonymityOptions> anonymity, ILogger<SendWallDigestJob> logger) : IRecurringJob
{
    private static readonly string ClaimSql = Sql.Load<SendWallDigestJob>("ClaimWallDigests");

    public async Task RunAsync(CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var recipients = (await session.Connection.QueryAsync<Recipient>(session.Command(ClaimSql, new { k = anonymity.Value.K }, ct))).ToList();
        foreach (var admin in recipients)
        {
            var text = Catalogue.Instance.Get(Msg.WallDigest, admin.Language, admin.Posts, admin.AwaitingReview);
            await Outbox.EnqueueAsync(session, admin.TelegramId, admin.AdminId, new OutboxPayload(text, Broadcast: true), ct);
        }
        await session.CommitAsync(ct);
        if (recipients.Count > 0) logger.LogInformation("Queued {Count} wall digests", recipients.Count);
    }

    private sealed record Recipient(Guid OrganisationId, int Posts, int AwaitingReview, Guid AdminId, long TelegramId, string Language);
}
