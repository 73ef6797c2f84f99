using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Features.Wall.Posts;
using Mindguard.Infrastructure.Security;
using Mindguard.Tests.Support;
using StackExchange.Redis;

namespace Mindguard.Tests.Features.Wall;

/// <summary>What the wall leaves behind in PostgreSQL and Redis, read directly as the owner would see it in a dump.</summary>
public sealed class WallStorageTests : AppsTestBase
{
    private MindguardApp _app = null!;
    private WallOrg _org = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _app = await StartAppAsync(WallKit.Configure);
        _org = await WallOrg.SeedAsync(_app);
    }

    private sealed record StoredPost(Guid Id, Guid OrganisationId, string Category, byte[] Body, DateOnly CreatedOn, DateTime? ReleaseAt, long? ReleasedSeq, byte[] DeleteTokenHash);

    private async Task<StoredPost> StoredAsync()
    {
        await using var owner = await _app.OwnerConnectionAsync();
        return await owner.QuerySingleAsync<StoredPost>(
            "SELECT id, organisation_id, category, body, created_on, release_at, released_seq, delete_token_hash FROM wall_posts");
    }

    [Fact]
    public async Task A_post_row_has_no_author_no_exact_time_and_text_only_the_organisation_key_opens()
    {
        var author = _org.Employees[0];
        const string words = "Мене цькують на проєкті, і я не знаю, кому сказати";
        var (_, deleteData) = await new WallDriver(Telegram, _app, author).PublishAsync(words, "relationships");

        var pending = await StoredAsync();
        pending.ReleaseAt.ShouldNotBeNull();
        pending.ReleasedSeq.ShouldBeNull();
        await _app.ReleaseAsync();
        var post = await StoredAsync();

        await using var owner = await _app.OwnerConnectionAsync();
        var columns = (await owner.QueryAsync<(string Name, string Type)>(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'wall_posts'")).ToList();
        columns.Select(c => c.Name).ShouldBe(["id", "organisation_id", "category", "body", "created_on", "release_at", "released_seq", "hidden", "flag_count", "delete_token_hash"], ignoreOrder: true);
        columns.Where(c => c.Type.StartsWith("timestamp")).Select(c => c.Name).ShouldBe(["release_at"]);
        (await owner.QueryAsync<string>("""
            SELECT c.conname FROM pg_constraint c
            WHERE c.contype = 'f' AND c.conrelid IN ('wall_posts'::regclass, 'wall_flags'::regclass) AND c.confrelid = 'users'::regclass
            """)).ShouldBeEmpty();
        post.ReleaseAt.ShouldBeNull();
        post.ReleasedSeq.ShouldNotBeNull();
        columns.Single(c => c.Name == "created_on").Type.ShouldBe("date");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        post.CreatedOn.ShouldBeInRange(today.AddDays(-1), today.AddDays(1));
        // A time-ordered UUID (v7) would carry the millisecond of writing.
        post.Id.Version.ShouldBe(4);

        var row = await owner.QuerySingleAsync<string>("SELECT row_to_json(p)::text FROM wall_posts p");
        foreach (var trace in new[] { author.Id.ToString(), author.Id.ToString("N"), author.TelegramId.ToString(), "Мене цькують" })
            row.ShouldNotContain(trace);
        Encoding.UTF8.GetString(post.Body).ShouldNotContain("цькують");
        post.Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(words)).ShouldBe(-1);

        var wrapped = await owner.QuerySingleAsync<byte[]>("SELECT wall_key FROM organisations WHERE id = @OrganisationId", post);
        var key = _app.Services.GetRequiredService<DataKeys>().Unwrap(post.OrganisationId, wrapped);
        DataKeys.DecryptText(key, post.Body, WallPosts.BodyContext(post.Id)).ShouldBe(words);
        Should.Throw<CryptographicException>(() => DataKeys.DecryptText(key, post.Body, WallPosts.BodyContext(Guid.NewGuid())));

        var token = deleteData["wall:v1:del:".Length..];
        post.DeleteTokenHash.ShouldBe(SHA256.HashData(Base64Url.DecodeFromChars(token)));
        row.ShouldNotContain(token);
    }

    [Fact]
    public async Task Each_organisation_has_its_own_wall_key_bound_to_it()
    {
        var other = await WallOrg.SeedAsync(_app);
        await new WallDriver(Telegram, _app, _org.Employees[0]).PublishAsync("Наше");
        await new WallDriver(Telegram, _app, other.Employees[0]).PublishAsync("Їхнє");

        await using var owner = await _app.OwnerConnectionAsync();
        const string keySql = "SELECT wall_key FROM organisations WHERE id = @id";
        var ours = await owner.QuerySingleAsync<byte[]>(keySql, new { id = _org.Org.Id });
        var theirs = await owner.QuerySingleAsync<byte[]>(keySql, new { id = other.Org.Id });
        var keys = _app.Services.GetRequiredService<DataKeys>();
        keys.Unwrap(_org.Org.Id, ours).ShouldNotBe(keys.Unwrap(other.Org.Id, theirs));
        // A wrapped key copied into another organisation's row does not open there.
        Should.Throw<CryptographicException>(() => keys.Unwrap(other.Org.Id, ours));
    }

    [Fact]
    public async Task A_draft_waits_in_redis_sealed_and_under_no_ones_id_and_so_does_the_daily_counter()
    {
        var author = _org.Employees[0];
        const string words = "Чернетка, яку не можна прочитати з Redis";
        var driver = new WallDriver(Telegram, _app, author);
        var (messageId, publish) = await driver.DraftAsync(words);

        var redis = _app.Services.GetRequiredService<IConnectionMultiplexer>();
        var server = redis.GetServer(redis.GetEndPoints().Single());
        var database = redis.GetDatabase();
        var keys = server.Keys(pattern: _app.RedisKeyPrefix + "wall:*").Select(k => k.ToString()).ToList();
        keys.ShouldHaveSingleItem().ShouldStartWith(_app.RedisKeyPrefix + "wall:draft:");
        var draft = await database.HashGetAllAsync(keys[0]);
        foreach (var field in draft)
        {
            ((byte[])field.Value!).AsSpan().IndexOf(Encoding.UTF8.GetBytes(words)).ShouldBe(-1);
            ((byte[])field.Value!).AsSpan().IndexOf(Encoding.UTF8.GetBytes("Чернетка")).ShouldBe(-1);
        }
        (await database.KeyTimeToLiveAsync(keys[0]))!.Value.ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(15));

        await driver.TapAsync(publish, messageId);
        await driver.EditAsync(messageId, c => c.ButtonData.Any(d => d.StartsWith("wall:v1:del:")));

        var after = server.Keys(pattern: _app.RedisKeyPrefix + "*").Select(k => k.ToString()).ToList();
        after.ShouldNotContain(k => k.StartsWith(_app.RedisKeyPrefix + "wall:draft:"));
        var limit = after.Single(k => k.StartsWith(_app.RedisKeyPrefix + "wall:limit:"));
        foreach (var key in after.Where(k => k.Contains("wall:")))
        {
            key.ShouldNotContain(author.Id.ToString());
            key.ShouldNotContain(author.Id.ToString("N"));
            key.ShouldNotContain(author.TelegramId.ToString());
        }
        ((long)await database.StringGetAsync(limit)).ShouldBe(1);
        (await database.KeyTimeToLiveAsync(limit))!.Value.ShouldBeInRange(TimeSpan.FromHours(23), TimeSpan.FromHours(24));
    }
}
