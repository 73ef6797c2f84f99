using Mindguard.Infrastructure.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure;

public sealed class StartupTests : AppsTestBase
{
    [Fact]
    public async Task Missing_encryption_keys_stop_start_up_with_a_message_naming_the_variable()
    {
        var error = await Should.ThrowAsync<Exception>(() => MindguardApp.StartAsync(Telegram, s => s["MINDGUARD_ENCRYPTION_KEYS"] = null));

        error.ToString().ShouldContain("MINDGUARD_ENCRYPTION_KEYS is required");
    }

    [Fact]
    public async Task A_malformed_redis_url_stops_start_up_with_a_message_naming_the_variable()
    {
        var error = await Should.ThrowAsync<Exception>(() => MindguardApp.StartAsync(Telegram, s => s["REDIS_URL"] = "redis://localhost:6379/notanumber"));

        error.ToString().ShouldContain("REDIS_URL");
    }

    [Fact]
    public async Task The_bootstrap_key_becomes_an_admin_key_only_while_no_admin_key_exists()
    {
        var first = Mindguard.Infrastructure.Security.ApiKeys.Generate().Key;
        var second = Mindguard.Infrastructure.Security.ApiKeys.Generate().Key;
        var app = await StartAppAsync(s => s["MINDGUARD_BOOTSTRAP_API_KEY"] = first);
        var again = await StartAppAsync(s => s["MINDGUARD_BOOTSTRAP_API_KEY"] = second, app.DatabaseUrl);

        var me = await app.ClientWithKey(first).GetStringAsync("/api/me");

        me.ShouldContain("\"role\":\"admin\"");
        (await again.ClientWithKey(second).GetAsync("/api/me")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        await using var owner = await app.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM organisations WHERE is_default")).ShouldBe(1);
    }

    [Fact]
    public async Task Clean_up_removes_only_finished_outbox_rows_older_than_30_days()
    {
        var app = await StartAppAsync(s => s["TELEGRAM_BOT_TOKEN"] = null);
        await using var owner = await app.OwnerConnectionAsync();
        await owner.ExecuteAsync("""
            INSERT INTO outbox (chat_id, payload, status, created_at) VALUES
              (1, '{}', 'sent',    now() - interval '31 days'),
              (2, '{}', 'failed',  now() - interval '40 days'),
              (3, '{}', 'pending', now() - interval '40 days'),
              (4, '{}', 'sent',    now() - interval '29 days')
            """);

        await app.Services.GetRequiredService<CleanUpJob>().RunAsync(CancellationToken.None);

        (await owner.QueryAsync<long>("SELECT chat_id FROM outbox ORDER BY chat_id")).ShouldBe([3L, 4L]);
    }
}
