using System.Security.Cryptography;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Privacy;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Wall.Posts;

/// <summary>A released post as people read it. <see cref="Hidden"/> and <see cref="FlagCount"/> matter to admins only.</summary>
public sealed record WallPost(Guid Id, string Category, DateOnly CreatedOn, string Text, long ReleasedSeq, string? Hidden, int FlagCount);

public enum PublishOutcome { Published, Closed, LimitReached }

/// <param name="Token">The deletion token, given to the author once.</param>
/// <param name="RetryAfter">With <see cref="PublishOutcome.LimitReached"/>: when the person may post again.</param>
public sealed record PublishResult(PublishOutcome Outcome, string? Token = null, TimeSpan? RetryAfter = null);

public enum FlagOutcome { Flagged, AlreadyFlagged, NotFound, Closed }

/// <param name="Open">False when the organisation has fewer active members than the anonymity threshold.</param>
public sealed record WallRead(bool Open, IReadOnlyList<WallPost> Posts);

/// <param name="Post">The post after the change; null when there is no such released post for this admin.</param>
public sealed record Moderated(bool Open, WallPost? Post);

/// <summary>
/// Everything the bot, the API and the jobs do with posts, always as the person asking (row-level
/// security applies). A post is written with no trace of its author: no user or Telegram id, no exact
/// time, and a random id (a time-ordered UUIDv7 would carry the moment of writing).
/// </summary>
public sealed class WallPosts(
    NpgsqlDataSource db, WallKeys keys, PostingLimit limit, WallSecrets secrets,
    IOptions<WallOptions> options, IOptions<AnonymityOptions> anonymity, TimeProvider time, ILogger<WallPosts> logger)
{
    private static readonly string CountMembersSql = Sql.Load<WallPosts>("CountActiveMembers");
    private static readonly string InsertSql = Sql.Load<WallPosts>("InsertWallPost");
    private static readonly string ListSql = Sql.Load<WallPosts>("ListWallPosts");
    private static readonly string InsertFlagSql = Sql.Load<WallPosts>("InsertWallFlag");
    private static readonly string VisibleSql = Sql.Load<WallPosts>("GetWallPostVisible");
    private static readonly string DeleteSql = Sql.Load<WallPosts>("DeleteWallPost");
    private static readonly string VisibilitySql = Sql.Load<WallPosts>("UpdateWallPostVisibility");

    /// <summary>The smallest organisation whose wall opens.</summary>
    public int K => anonymity.Value.K;

    public static string BodyContext(Guid postId) => $"mindguard:wall-post:{postId:D}";

    public async Task<bool> IsOpenAsync(Actor actor, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(actor, ct);
        return await IsOpenAsync(session, actor, ct);
    }

    public async Task<PublishResult> PublishAsync(Actor actor, string text, string category, CancellationToken ct)
    {
        var organisationId = actor.OrganisationId!.Value;
        await using var session = await db.OpenSessionAsync(actor, ct);
        if (!await IsOpenAsync(session, actor, ct)) return new PublishResult(PublishOutcome.Closed);
        if (await limit.TryTakeAsync(actor.UserId!.Value) is { } wait) return new PublishResult(PublishOutcome.LimitReached, RetryAfter: wait);

        try
        {
            var key = await keys.FindAsync(session, organisationId, ct) ?? await keys.GetOrCreateAsync(organisationId, ct);
            var id = Guid.NewGuid();
            byte[] body;
            try
            {
                body = DataKeys.EncryptText(key, text, BodyContext(id));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
            var token = DeletionTokens.New();
            var now = time.GetUtcNow();
            await session.Connection.ExecuteAsync(session.Command(InsertSql, new
            {
                id, organisationId, category, body, now,
                releaseAt = now + ReleaseDelay(),
                tokenHash = token.Hash,
            }, ct));
            await session.CommitAsync(ct);
            return new PublishResult(PublishOutcome.Published, token.Token);
        }
        catch
        {
            await limit.GiveBackAsync(actor.UserId.Value);
            throw;
        }
    }

    /// <summary>
    /// Released posts, newest first, older than <paramref name="before"/>. <paramref name="moderation"/>
    /// includes hidden posts (row-level security shows those to admins only).
    /// </summary>
    public async Task<WallRead> ReadAsync(Actor actor, long? before, int take, CancellationToken ct, bool moderation = false, bool onlyHidden = false)
    {
        var organisationId = actor.OrganisationId!.Value;
        await using var session = await db.OpenSessionAsync(actor, ct);
        if (!await IsOpenAsync(session, actor, ct)) return new WallRead(false, []);

        var rows = (await session.Connection.QueryAsync<PostRow>(session.Command(ListSql, new
        {
            organisationId, before, limit = take, includeHidden = moderation, onlyHidden = moderation && onlyHidden,
        }, ct))).ToList();
        if (rows.Count == 0) return new WallRead(true, []);

        var key = await keys.FindAsync(session, organisationId, ct);
        try
        {
            return new WallRead(true, rows.Select(r => Open(r, key)).OfType<WallPost>().ToList());
        }
        finally
        {
            if (key is not null) CryptographicOperations.ZeroMemory(key);
        }
    }

    public async Task<FlagOutcome> FlagAsync(Actor actor, Guid postId, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(actor, ct);
        if (!await IsOpenAsync(session, actor, ct)) return FlagOutcome.Closed;
        var flagger = secrets.Flagger(postId, actor.UserId!.Value);
        if (await session.Connection.ExecuteAsync(session.Command(InsertFlagSql, new { postId, flagger }, ct)) == 1)
        {
            await session.CommitAsync(ct);
            return FlagOutcome.Flagged;
        }
        var visible = await session.Connection.ExecuteScalarAsync<bool>(session.Command(VisibleSql, new { postId }, ct));
        return visible ? FlagOutcome.AlreadyFlagged : FlagOutcome.NotFound;
    }

    /// <summary>Deletes the post whose token this is, in the person's organisation; false when there is none.</summary>
    public async Task<bool> DeleteAsync(Actor actor, byte[] token, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(actor, ct);
        var deleted = await session.Connection.ExecuteScalarAsync<bool>(session.Command(DeleteSql, new { token }, ct));
        await session.CommitAsync(ct);
        return deleted;
    }

    /// <summary>Hides (<paramref name="hidden"/> = <c>admin</c>) or restores (null) a released post of the admin's organisation.</summary>
    public async Task<Moderated> ModerateAsync(Actor actor, Guid id, string? hidden, CancellationToken ct)
    {
        var organisationId = actor.OrganisationId!.Value;
        await using var session = await db.OpenSessionAsync(actor, ct);
        if (!await IsOpenAsync(session, actor, ct)) return new Moderated(false, null);
        var row = await session.Connection.QuerySingleOrDefaultAsync<PostRow>(session.Command(VisibilitySql, new { id, hidden }, ct));
        if (row is null) return new Moderated(true, null);
        var key = await keys.FindAsync(session, organisationId, ct);
        await AuditTrail.RecordAsync(session, actor,
            hidden is null ? AuditActions.WallPostRestored : AuditActions.WallPostHidden, ct, targetId: id);
        await session.CommitAsync(ct);
        try
        {
            return new Moderated(true, Open(row, key));
        }
        finally
        {
            if (key is not null) CryptographicOperations.ZeroMemory(key);
        }
    }

    private async Task<bool> IsOpenAsync(DbSession session, Actor actor, CancellationToken ct) =>
        await session.Connection.ExecuteScalarAsync<int>(session.Command(CountMembersSql, new { organisationId = actor.OrganisationId }, ct)) >= K;

    private TimeSpan ReleaseDelay()
    {
        var o = options.Value;
        var seconds = RandomNumberGenerator.GetInt32(o.ReleaseMinMinutes * 60, o.ReleaseMaxMinutes * 60 + 1);
        return TimeSpan.FromSeconds(seconds);
    }

    // A post that fails to open was tampered with or its key replaced: logged, never shown.
    private WallPost? Open(PostRow row, byte[]? key)
    {
        try
        {
            if (key is null) throw new CryptographicException("The organisation has no wall key.");
            var text = DataKeys.DecryptText(key, row.Body, BodyContext(row.Id));
            return new WallPost(row.Id, row.Category, row.CreatedOn, text, row.ReleasedSeq, row.Hidden, row.FlagCount);
        }
        catch (CryptographicException ex)
        {
            logger.LogError(ex, "Wall post {PostId} could not be decrypted and is left out", row.Id);
            return null;
        }
    }

    private sealed record PostRow(Guid Id, string Category, DateOnly CreatedOn, byte[] Body, long ReleasedSeq, string? Hidden, int FlagCount);
}
