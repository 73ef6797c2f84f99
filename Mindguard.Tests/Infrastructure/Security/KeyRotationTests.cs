using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Features.Alerts;
using Mindguard.Features.Alerts.Webhooks;
using Mindguard.Infrastructure.Configuration;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Security;
using Mindguard.Infrastructure.Security.KeyRotation;
using Mindguard.Infrastructure.Telegram;
using Mindguard.Tests.Fakes;
using Mindguard.Tests.Fakes.OpenAi;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Features.Voice;
using Mindguard.Tests.Features.Wall;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Security;

/// <summary>
/// An operator retiring a master key: put the new key first, deploy, run <c>keys rotate</c>, remove the old
/// key, deploy again; everything people stored must still open.
/// </summary>
public sealed class KeyRotationTests : AppsTestBase
{
    private const string OldKey = TestEnvironment.EncryptionKeys;
    private static readonly string NewKey = "2:" + Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());
    private static readonly string NewFirst = NewKey + "," + OldKey;

    [Fact]
    public async Task After_rotating_and_removing_the_old_key_every_note_transcript_wall_post_and_webhook_secret_still_opens()
    {
        await using var openAi = await FakeOpenAiServer.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        void Settings(Dictionary<string, string?> s, string keys)
        {
            VoiceAppFixture.UseOpenAi(s, openAi);
            WallKit.Configure(s);
            s["MINDGUARD_WEBHOOK_ALLOW_PRIVATE"] = "true";
            s["MINDGUARD_ENCRYPTION_KEYS"] = keys;
        }

        // Everything stored while key 1 is the only key.
        var before = await StartAppAsync(s => Settings(s, OldKey), services: WebhookReceiver.TrustedBy);
        var wall = await WallOrg.SeedAsync(before);
        var person = wall.Employees[0];
        await before.GiveDataKeyAsync(person);
        await new CheckinDriver(Telegram, person.TelegramId).CompleteAsync(before);
        await before.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "Hard week, holding on"));
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.CheckinNoteSaved, "uk"));
        openAi.Transcript = "Голосова нотатка до ротації";
        await before.SendVoiceAsync(Telegram, person, VoiceDriver.Recording());
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text!.Contains("Голосова нотатка до ротації"));
        (await before.ClientWithKey(wall.Employees[1].ApiKey).PostAsJsonAsync("/api/wall/posts", new { text = "Пост до ротації", category = "other" }))
            .EnsureSuccessStatusCode();
        await before.ReleaseAsync();
        var webhook = await (await before.ClientWithKey(wall.Admin.ApiKey).PostAsJsonAsync("/api/webhooks",
            new { url = receiver.Url.ToString(), events = new[] { "alert.raised" } })).Content.ReadFromJsonAsync<JsonElement>();
        var secret = webhook.GetProperty("secret").GetString()!;
        var updateId = TestData.NewTelegramId();
        await before.Services.GetRequiredService<DeadLetters>().AddAsync(updateId, "an update that broke something", new InvalidOperationException("test"), CancellationToken.None);
        await before.DisposeAsync();

        // Key 2 first, deployed, then the operator's command while that replica runs.
        var during = await StartAppAsync(s => Settings(s, NewFirst), before.DatabaseUrl, WebhookReceiver.TrustedBy);
        await using (var rotate = AppProcess.Start(CommandSettings(before, NewFirst), "keys", "rotate"))
        {
            (await rotate.ExitCodeAsync()).ShouldBe(0, rotate.Stderr + rotate.Stdout);
            rotate.Stdout.ShouldContain("Summary: 4 values re-wrapped under key 2; left: none. Key 1 can now be removed from MINDGUARD_ENCRYPTION_KEYS.");
            (rotate.Stdout + rotate.Stderr).ShouldNotContain(NewKey[2..]);
            (rotate.Stdout + rotate.Stderr).ShouldNotContain(OldKey[2..]);
        }
        await during.DisposeAsync();

        // Key 1 removed, restarted.
        var after = await StartAppAsync(s => Settings(s, NewKey), before.DatabaseUrl, WebhookReceiver.TrustedBy);
        var me = after.ClientWithKey(person.ApiKey);
        using (var export = JsonDocument.Parse(await me.GetStringAsync("/api/me/export")))
            export.RootElement.GetProperty("checkins").GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("text").GetString())
                .ShouldBe(["Hard week, holding on"]);
        (await me.GetFromJsonAsync<JsonElement>("/api/me/voice-notes")).GetProperty("items").EnumerateArray()
            .Select(n => n.GetProperty("transcript").GetString()).ShouldBe(["Голосова нотатка до ротації"]);
        (await after.ClientWithKey(wall.Employees[2].ApiKey).GetFromJsonAsync<JsonElement>("/api/wall/posts")).GetProperty("items").EnumerateArray()
            .Select(p => p.GetProperty("text").GetString()).ShouldBe(["Пост до ротації"]);
        await after.SeedDaysAsync(wall.Employees[2], 20, q => q.Options.Count - 1);
        await after.Services.GetRequiredService<EvaluateAlertsJob>().RunAsync(CancellationToken.None);
        var delivered = (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(30)))[0];
        delivered.Headers["X-Mindguard-Signature"].ShouldBe(WebhookSigner.Sign(secret, long.Parse(delivered.Headers["X-Mindguard-Timestamp"]), delivered.Body));
        await using var owner = await after.OwnerConnectionAsync();
        var letter = await owner.QuerySingleAsync<byte[]>("SELECT payload FROM telegram_dead_letters WHERE update_id = @updateId", new { updateId });
        after.Services.GetRequiredService<MasterKeyRing>().DecryptText(letter, DeadLetters.AssociatedData(updateId)).ShouldBe("an update that broke something");
    }

    [Fact]
    public async Task A_second_rotation_finds_nothing_to_re_wrap()
    {
        var before = await StartAppAsync(s => s["MINDGUARD_ENCRYPTION_KEYS"] = OldKey);
        var org = await Org.SeedAsync(before);
        for (var i = 0; i < 3; i++) await before.GiveDataKeyAsync(await org.EmployeeAsync(before));
        var app = await StartAppAsync(s => s["MINDGUARD_ENCRYPTION_KEYS"] = NewFirst, before.DatabaseUrl);
        var rotator = app.Services.GetRequiredService<KeyRotator>();

        var first = await rotator.RunAsync(new RotationBatching(), null, CancellationToken.None);
        var second = await rotator.RunAsync(new RotationBatching(), null, CancellationToken.None);

        Kind(first, "data keys").ShouldBe(new KindReport("data keys", AlreadyCurrent: 0, ToRewrap: 3, Rewrapped: 3, Unreadable: 0));
        Kind(second, "data keys").ShouldBe(new KindReport("data keys", AlreadyCurrent: 3, ToRewrap: 0, Rewrapped: 0, Unreadable: 0));
        second.Rewrapped.ShouldBe(0);
        second.LeftCount.ShouldBe(0);
    }

    [Fact]
    public async Task An_interrupted_rotation_resumes_where_it_stopped_and_the_old_key_can_then_go()
    {
        var before = await StartAppAsync(s => s["MINDGUARD_ENCRYPTION_KEYS"] = OldKey);
        var org = await Org.SeedAsync(before);
        var people = new List<TestUser>();
        for (var i = 0; i < 5; i++) people.Add(await org.EmployeeAsync(before));
        foreach (var person in people) await before.GiveDataKeyAsync(person);
        var app = await StartAppAsync(s => s["MINDGUARD_ENCRYPTION_KEYS"] = NewFirst, before.DatabaseUrl);
        var rotator = app.Services.GetRequiredService<KeyRotator>();
        using var stop = new CancellationTokenSource();
        var batches = 0;

        await Should.ThrowAsync<OperationCanceledException>(() => rotator.RunAsync(new RotationBatching { BatchSize = 1 },
            _ => { if (++batches == 2) stop.Cancel(); }, stop.Token));
        var resumed = await rotator.RunAsync(new RotationBatching { BatchSize = 1 }, null, CancellationToken.None);

        Kind(resumed, "data keys").ShouldBe(new KindReport("data keys", AlreadyCurrent: 2, ToRewrap: 3, Rewrapped: 3, Unreadable: 0));
        resumed.LeftCount.ShouldBe(0);
        var after = await StartAppAsync(s => s["MINDGUARD_ENCRYPTION_KEYS"] = NewKey, before.DatabaseUrl);
        (await after.ClientWithKey(people[0].ApiKey).GetAsync("/api/me/export")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_row_a_running_replica_is_writing_is_re_wrapped_after_its_write_and_the_write_is_kept()
    {
        var before = await StartAppAsync(s => s["MINDGUARD_ENCRYPTION_KEYS"] = OldKey);
        var org = await Org.SeedAsync(before);
        var busy = await org.EmployeeAsync(before);
        var idle = await org.EmployeeAsync(before);
        await before.GiveDataKeyAsync(busy);
        await before.GiveDataKeyAsync(idle);
        var app = await StartAppAsync(s => s["MINDGUARD_ENCRYPTION_KEYS"] = NewFirst, before.DatabaseUrl);
        await using var replica = await app.OwnerConnectionAsync();
        await using var write = await replica.BeginTransactionAsync();
        await replica.ExecuteAsync("UPDATE users SET language = 'en' WHERE id = @Id", busy, write);

        var rotation = app.Services.GetRequiredService<KeyRotator>().RunAsync(new RotationBatching(), null, CancellationToken.None);
        await Eventually.HoldsAsync(() => KeyIdOfDataKeyAsync(app, idle), id => id == 2, "the idle person's key to be re-wrapped");
        rotation.IsCompleted.ShouldBeFalse("the busy person's row is still held by the replica");
        await write.CommitAsync();
        var report = await rotation;

        report.Rewrapped.ShouldBe(2);
        report.LeftCount.ShouldBe(0);
        (await KeyIdOfDataKeyAsync(app, busy)).ShouldBe(2);
        await using var owner = await app.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<string>("SELECT language FROM users WHERE id = @Id", busy)).ShouldBe("en");
    }

    [Fact]
    public async Task Start_up_refuses_in_one_line_while_a_value_is_under_a_key_no_longer_configured()
    {
        var before = await StartAppAsync(s => s["MINDGUARD_ENCRYPTION_KEYS"] = OldKey);
        var org = await Org.SeedAsync(before);
        await before.GiveDataKeyAsync(await org.EmployeeAsync(before));

        var error = await Should.ThrowAsync<Exception>(() => StartAppAsync(s => s["MINDGUARD_ENCRYPTION_KEYS"] = NewKey, before.DatabaseUrl));

        var line = ConfigurationErrors.Describe(error).ShouldNotBeNull();
        line.ShouldStartWith("Configuration error: MINDGUARD_ENCRYPTION_KEYS lacks key 1, yet key 1 seals data keys: 1; put key 1 back after the newest key");
        line.ShouldContain("`keys rotate`");
        line.ShouldNotContain(OldKey[2..]);
    }

    [Theory]
    [InlineData("2:not-base64!," + OldKey, "Configuration error: MINDGUARD_ENCRYPTION_KEYS: key 2 is not valid base64.")]
    [InlineData(null, "Configuration error: MINDGUARD_ENCRYPTION_KEYS is required")]
    public async Task Keys_rotate_with_a_wrong_key_setting_ends_with_one_line_and_exit_code_1(string? keys, string expected)
    {
        var settings = await AppProcess.SettingsAsync();
        settings["MINDGUARD_ENCRYPTION_KEYS"] = keys;
        await using var rotate = AppProcess.Start(settings, "keys", "rotate");

        (await rotate.ExitCodeAsync()).ShouldBe(1, rotate.Stderr + rotate.Stdout);

        rotate.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ShouldHaveSingleItem().ShouldStartWith(expected);
        rotate.Stdout.ShouldBeEmpty();
        await TestEnvironment.DropDatabaseAsync(settings["DATABASE_URL"]!);
    }

    /// <summary>Binary columns that hold no master-key envelope, each with its reason.</summary>
    private static readonly Dictionary<string, string> NotUnderAMasterKey = new()
    {
        ["users.display_name"] = "sealed under the person's data key",
        ["checkin_notes.note"] = "sealed under the person's data key",
        ["voice_notes.transcript"] = "sealed under the person's data key",
        ["voice_notes.topics"] = "sealed under the person's data key",
        ["wall_posts.body"] = "sealed under the organisation's wall key",
        ["wall_posts.delete_token_hash"] = "a hash of the deletion token",
        ["wall_flags.flagger"] = "a keyed hash standing for the person who flagged",
    };

    [Fact]
    public async Task Every_binary_column_is_either_re_wrapped_by_rotation_or_known_to_hold_no_master_key_envelope()
    {
        var app = await StartAppAsync();
        await using var owner = await app.OwnerConnectionAsync();

        var binary = (await owner.QueryAsync<string>(
            "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'bytea'")).ToList();
        var rotated = app.Services.GetServices<SealedColumn>().Select(c => $"{c.Table}.{c.Value}").ToList();

        binary.Except(rotated).Except(NotUnderAMasterKey.Keys).ShouldBeEmpty(
            "a column sealed with MasterKeyRing must be declared with AddSealedColumn (or listed here with why it is not), or keys rotate leaves it behind");
        rotated.ShouldBe(["users.data_key", "organisations.wall_key", "webhooks.secret", "telegram_dead_letters.payload"], ignoreOrder: true);
    }

    private static Dictionary<string, string?> CommandSettings(MindguardApp app, string keys) => new()
    {
        ["DATABASE_URL"] = app.DatabaseUrl,
        ["REDIS_URL"] = TestEnvironment.RedisUrl,
        ["REDIS_KEY_PREFIX"] = app.RedisKeyPrefix,
        ["MINDGUARD_ENCRYPTION_KEYS"] = keys,
    };

    private static KindReport Kind(RotationReport report, string kind) => report.Kinds.Single(k => k.Kind == kind);

    private static async Task<int> KeyIdOfDataKeyAsync(MindguardApp app, TestUser person)
    {
        await using var owner = await app.OwnerConnectionAsync();
        return await owner.ExecuteScalarAsync<int>("SELECT get_byte(data_key, 1) FROM users WHERE id = @Id", person);
    }
}
