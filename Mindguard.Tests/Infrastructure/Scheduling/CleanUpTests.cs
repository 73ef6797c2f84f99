using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Mindguard.Infrastructure.Scheduling;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Scheduling;

public sealed class CleanUpFixture : AppFixture
{
    public CapturedLogs Logs { get; } = new();

    protected override void Configure(Dictionary<string, string?> settings) => settings["TELEGRAM_BOT_TOKEN"] = null;

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(Logs);
}

/// <summary>
/// The hourly clean-up keeps every growing table bounded: it removes exactly the rows past their
/// retention and keeps the recent ones and anything still in progress. Tests of a class run one after
/// another, so each run's log line counts only the rows its test made old.
/// </summary>
public sealed class CleanUpTests(CleanUpFixture fixture) : IClassFixture<CleanUpFixture>
{
    private MindguardApp App => fixture.App;

    [Fact]
    public async Task Invites_expired_or_revoked_more_than_30_days_ago_are_removed()
    {
        var org = await Org.SeedAsync(App);
        await using var owner = await App.OwnerConnectionAsync();
        await owner.ExecuteAsync("""
            INSERT INTO invites (id, organisation_id, team_id, code_prefix, code_hash, max_uses, expires_at, revoked_at)
            SELECT gen_random_uuid(), @Id, @TeamId, v.prefix, 'hash', 1, now() + v.expires, now() + v.revoked
            FROM (VALUES ('expired-31d', interval '-31 days', NULL::interval),
                         ('expired-29d', interval '-29 days', NULL),
                         ('revoked-31d', interval '7 days',   interval '-31 days'),
                         ('revoked-2d',  interval '7 days',   interval '-2 days'),
                         ('open',        interval '7 days',   NULL)) AS v (prefix, expires, revoked)
            """, org);

        await RunCleanUpAsync();

        (await owner.QueryAsync<string>("SELECT code_prefix FROM invites WHERE organisation_id = @Id ORDER BY code_prefix", org))
            .ShouldBe(["expired-29d", "open", "revoked-2d"]);
        LastCleanUpLine().ShouldContain("2 expired invites");
    }

    [Fact]
    public async Task Finished_webhook_deliveries_older_than_30_days_are_removed_and_unfinished_ones_kept()
    {
        var webhook = await WebhookAsync(App);
        await InsertDeliveriesAsync(App, webhook, ("delivered", 31), ("failed", 40), ("pending", 40), ("sending", 40), ("delivered", 29));

        await RunCleanUpAsync();

        (await DeliveriesAsync(App, webhook)).ShouldBe(["delivered 29", "pending 40", "sending 40"]);
        LastCleanUpLine().ShouldContain("2 finished webhook deliveries");
    }

    [Fact]
    public async Task Webhook_delivery_retention_follows_WEBHOOK_DELIVERY_RETENTION_DAYS()
    {
        var app = await MindguardApp.StartAsync(fixture.Telegram, s =>
        {
            s["TELEGRAM_BOT_TOKEN"] = null;
            s["WEBHOOK_DELIVERY_RETENTION_DAYS"] = "7";
        });
        try
        {
            var webhook = await WebhookAsync(app);
            await InsertDeliveriesAsync(app, webhook, ("delivered", 8), ("failed", 8), ("delivered", 6));

            await app.Services.GetRequiredService<CleanUpJob>().RunAsync(CancellationToken.None);

            (await DeliveriesAsync(app, webhook)).ShouldBe(["delivered 6"]);
        }
        finally
        {
            await app.DisposeAsync();
            await TestEnvironment.DropDatabaseAsync(app.DatabaseUrl);
        }
    }

    [Fact]
    public async Task Summarised_broadcasts_older_than_90_days_are_removed()
    {
        await using var owner = await App.OwnerConnectionAsync();
        var kind = $"test-{Guid.NewGuid():N}";
        await owner.ExecuteAsync("""
            INSERT INTO broadcasts (id, kind, started_at, summarised_at)
            SELECT gen_random_uuid(), @kind || v.label, now() + v.started, now() + v.summarised
            FROM (VALUES (':summarised-91d',   interval '-91 days',  interval '-91 days'),
                         (':summarised-89d',   interval '-89 days',  interval '-89 days'),
                         (':unsummarised-120d', interval '-120 days', NULL::interval)) AS v (label, started, summarised)
            """, new { kind });

        await RunCleanUpAsync();

        (await owner.QueryAsync<string>("SELECT kind FROM broadcasts WHERE kind LIKE @kind || '%' ORDER BY kind", new { kind }))
            .ShouldBe([$"{kind}:summarised-89d", $"{kind}:unsummarised-120d"]);
        LastCleanUpLine().ShouldContain("1 old broadcasts");
    }

    [Fact]
    public async Task Done_consequences_go_after_30_days_and_parked_ones_after_90()
    {
        var org = await Org.SeedAsync(App);
        var person = await org.EmployeeAsync(App);
        await using var owner = await App.OwnerConnectionAsync();
        await owner.ExecuteAsync("""
            INSERT INTO consequences (user_id, kind, dedupe_key, local_date, status, created_at, finished_at)
            SELECT @UserId, 'test', v.key, current_date, v.status, now() - interval '120 days', now() + v.finished
            FROM (VALUES ('done-31d',    'done',    interval '-31 days'),
                         ('done-29d',    'done',    interval '-29 days'),
                         ('parked-91d',  'parked',  interval '-91 days'),
                         ('parked-60d',  'parked',  interval '-60 days'),
                         ('pending',     'pending', NULL::interval)) AS v (key, status, finished)
            """, new { UserId = person.Id });

        await RunCleanUpAsync();

        (await owner.QueryAsync<string>("SELECT dedupe_key FROM consequences WHERE user_id = @UserId ORDER BY dedupe_key", new { UserId = person.Id }))
            .ShouldBe(["done-29d", "parked-60d", "pending"]);
        LastCleanUpLine().ShouldContain("2 finished consequences");
    }

    private Task RunCleanUpAsync() => App.Services.GetRequiredService<CleanUpJob>().RunAsync(CancellationToken.None);

    private string LastCleanUpLine() => fixture.Logs.Lines.Last(l => l.Contains("Clean-up removed"));

    private static async Task<Guid> WebhookAsync(MindguardApp app)
    {
        var org = await Org.SeedAsync(app);
        await using var owner = await app.OwnerConnectionAsync();
        var id = Guid.NewGuid();
        await owner.ExecuteAsync("""
            INSERT INTO webhooks (id, organisation_id, url, secret, events)
            VALUES (@id, @organisationId, 'https://receiver.example/hook', '\x00'::bytea, ARRAY['alert.raised'])
            """, new { id, organisationId = org.Id });
        return id;
    }

    private static async Task InsertDeliveriesAsync(MindguardApp app, Guid webhook, params (string Status, int DaysOld)[] deliveries)
    {
        await using var owner = await app.OwnerConnectionAsync();
        foreach (var (status, daysOld) in deliveries)
            await owner.ExecuteAsync("""
                INSERT INTO webhook_deliveries (webhook_id, event, payload, status, created_at)
                VALUES (@webhook, 'alert.raised', @payload::jsonb, @status, now() - make_interval(days => @daysOld))
                """, new { webhook, payload = $$"""{"age":{{daysOld}}}""", status, daysOld });
    }

    private static async Task<List<string>> DeliveriesAsync(MindguardApp app, Guid webhook)
    {
        await using var owner = await app.OwnerConnectionAsync();
        return (await owner.QueryAsync<string>(
            "SELECT status || ' ' || (payload->>'age') FROM webhook_deliveries WHERE webhook_id = @webhook ORDER BY 1", new { webhook })).ToList();
    }
}
