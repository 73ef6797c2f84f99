using System.Net;
using System.Net.Http.Json;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Wall;

/// <summary>The release and digest jobs, run directly with the clock the test chooses.</summary>
public sealed class WallJobsTests : AppsTestBase
{
    private MindguardApp _app = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _app = await StartAppAsync(WallKit.Configure);
    }

    private async Task PostAsync(TestUser author, string text)
    {
        var response = await _app.ClientWithKey(author.ApiKey).PostAsJsonAsync("/api/wall/posts", new { text, category = "wellbeing" });
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }

    private async Task<List<(Guid UserId, string Text)>> DigestsAsync()
    {
        await using var owner = await _app.OwnerConnectionAsync();
        return (await owner.QueryAsync<(Guid, string)>("SELECT user_id, payload->>'text' FROM outbox ORDER BY id")).ToList();
    }

    [Fact]
    public async Task The_digest_queues_one_outbox_message_per_admin_with_the_count_and_says_nothing_twice()
    {
        var org = await WallOrg.SeedAsync(_app);
        TestUser secondAdmin;
        await using (var owner = await _app.OwnerConnectionAsync())
            secondAdmin = await TestData.UserAsync(owner, org.Org.Id, role: "admin", language: "en");
        var other = await WallOrg.SeedAsync(_app);
        await PostAsync(org.Employees[0], "раз");
        await PostAsync(org.Employees[1], "два");
        await PostAsync(other.Employees[0], "в іншій організації");
        await _app.ReleaseAsync();
        await PostAsync(org.Employees[2], "ще чекає на випуск");

        await _app.DigestAsync();

        var digests = await DigestsAsync();
        digests.ShouldBe([
            (org.Admin.Id, Catalogue.Instance.Get(Msg.WallDigest, "uk", 2, 0)),
            (secondAdmin.Id, Catalogue.Instance.Get(Msg.WallDigest, "en", 2, 0)),
            (other.Admin.Id, Catalogue.Instance.Get(Msg.WallDigest, "uk", 1, 0)),
        ], ignoreOrder: true);
        await Telegram.WaitForMessageAsync(org.Admin.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.WallDigest, "uk", 2, 0));

        await _app.DigestAsync();
        (await DigestsAsync()).Count.ShouldBe(3);

        await _app.ReleaseAsync();
        await _app.DigestAsync();
        var next = (await DigestsAsync()).Skip(3).ToList();
        next.ShouldBe([
            (org.Admin.Id, Catalogue.Instance.Get(Msg.WallDigest, "uk", 1, 0)),
            (secondAdmin.Id, Catalogue.Instance.Get(Msg.WallDigest, "en", 1, 0)),
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task The_digest_tells_admins_how_many_flagged_posts_wait_for_review()
    {
        var org = await WallOrg.SeedAsync(_app);
        await PostAsync(org.Employees[0], "суперечливий");
        await _app.ReleaseAsync();
        await using (var owner = await _app.OwnerConnectionAsync())
            await owner.ExecuteAsync("UPDATE wall_posts SET hidden = 'flags', flag_count = 3");

        await _app.DigestAsync();

        (await DigestsAsync()).ShouldBe([(org.Admin.Id, Catalogue.Instance.Get(Msg.WallDigest, "uk", 1, 1))]);
    }

    [Fact]
    public async Task Releasing_forgets_the_release_instant_and_leaves_later_posts_waiting()
    {
        var org = await WallOrg.SeedAsync(_app);
        await PostAsync(org.Employees[0], "перший");
        await PostAsync(org.Employees[1], "другий");
        await using var owner = await _app.OwnerConnectionAsync();
        await owner.ExecuteAsync("UPDATE wall_posts SET release_at = now() + interval '2 hours'");
        await owner.ExecuteAsync("UPDATE wall_posts SET release_at = now() + interval '5 hours' WHERE id = (SELECT id FROM wall_posts LIMIT 1)");

        await _app.ReleaseAsync(TimeSpan.FromHours(3));

        var rows = (await owner.QueryAsync<(DateTime? ReleaseAt, long? ReleasedSeq)>("SELECT release_at, released_seq FROM wall_posts ORDER BY release_at NULLS FIRST")).ToList();
        rows[0].ReleaseAt.ShouldBeNull();
        rows[0].ReleasedSeq.ShouldNotBeNull();
        rows[1].ReleaseAt.ShouldNotBeNull();
        rows[1].ReleasedSeq.ShouldBeNull();

        await _app.ReleaseAsync(TimeSpan.FromHours(3));
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM wall_posts WHERE released_seq IS NOT NULL")).ShouldBe(1);
        await _app.ReleaseAsync(TimeSpan.FromHours(6));
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM wall_posts WHERE release_at IS NULL AND released_seq IS NOT NULL")).ShouldBe(2);
    }

    [Fact]
    public async Task Every_post_waits_a_random_time_within_the_configured_window()
    {
        var org = await WallOrg.SeedAsync(_app, employees: 5);
        var before = DateTime.UtcNow;
        foreach (var author in org.Employees)
            for (var i = 0; i < 3; i++) await PostAsync(author, $"допис {i}");
        var after = DateTime.UtcNow;

        await using var owner = await _app.OwnerConnectionAsync();
        var instants = (await owner.QueryAsync<DateTime>("SELECT release_at FROM wall_posts")).ToList();
        instants.Count.ShouldBe(15);
        instants.ShouldAllBe(at => at >= before.AddMinutes(60).AddSeconds(-1) && at <= after.AddMinutes(360).AddSeconds(1));
        // Fifteen draws from five hours landing on fewer than three distinct minutes would mean no randomness.
        instants.Select(at => at.ToString("yyyyMMddHHmm")).Distinct().Count().ShouldBeGreaterThan(3);
    }
}
