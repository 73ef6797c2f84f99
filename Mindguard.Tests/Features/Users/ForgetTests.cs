using Microsoft.Extensions.DependencyInjection;
using Mindguard.Features.Alerts;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Security;
using Mindguard.Infrastructure.Telegram;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;
using StackExchange.Redis;

namespace Mindguard.Tests.Features.Users;

/// <summary>/forget leaves nothing of the person: no row, no queued message, no dead letter, no Redis key.</summary>
public sealed class ForgetTests : AppsTestBase
{
    [Fact]
    public async Task After_forget_no_table_and_no_redis_key_holds_the_persons_ids_or_name()
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);
        var person = await org.EmployeeAsync(app);
        var name = await NameAsync(app, person);
        var ct = CancellationToken.None;

        // A check-in left open (its session in Redis), a talk-now request (care contacts' messages carry the
        // name), and one of the person's updates that could not be handled (a dead letter).
        var driver = new CheckinDriver(Telegram, person.TelegramId);
        await app.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/checkin"));
        await driver.AnswerAsync(app, 0);
        await driver.QuestionAsync(1);
        var member = (await app.Services.GetRequiredService<Members>().FindByTelegramIdAsync(person.TelegramId, ct))!;
        await app.Services.GetRequiredService<CrisisPath>().OpenAsync(member, ct);
        await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, CrisisPath.TalkData));
        (await Telegram.WaitForMessageAsync(org.Manager.TelegramId)).Text!.ShouldContain(name);
        await app.Services.GetRequiredService<DeadLetters>().AddAsync(TestData.NewTelegramId(),
            TelegramUpdates.Text(person.TelegramId, "a message that broke something"), new InvalidOperationException("test"), ct);
        (await TracesAsync(app, person, name)).ShouldNotBeEmpty("the scan finds the person before /forget");

        await app.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/forget"));
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.ButtonData.Contains("forget:v1:yes"));
        await app.PostUpdateAsync(TelegramUpdates.Callback(person.TelegramId, "forget:v1:yes"));
        await Telegram.WaitForCallAsync(c => c.Method == "editMessageText" && c.ChatId == person.TelegramId && c.Succeeded);

        (await TracesAsync(app, person, name)).ShouldBeEmpty();
    }

    /// <summary>Gives the seeded person a data key and a name, as joining through the bot does.</summary>
    private static async Task<string> NameAsync(MindguardApp app, TestUser person)
    {
        await app.GiveDataKeyAsync(person);
        var name = "Forgettable" + Guid.NewGuid().ToString("N")[..10];
        await using var owner = await app.OwnerConnectionAsync();
        var wrapped = await owner.QuerySingleAsync<byte[]>("SELECT data_key FROM users WHERE id = @Id", new { person.Id });
        var sealedName = app.Services.GetRequiredService<PersonCipher>().EncryptDisplayName(person.Id, wrapped, name);
        await owner.ExecuteAsync("UPDATE users SET display_name = @sealedName WHERE id = @Id", new { sealedName, person.Id });
        return name;
    }

    /// <summary>
    /// Every row of every table (all columns as text) and every Redis key and value under the app's prefix
    /// that holds the person's Telegram id, user id or name; and every dead letter that, opened, does.
    /// </summary>
    private static async Task<List<string>> TracesAsync(MindguardApp app, TestUser person, string name)
    {
        string[] needles = [person.TelegramId.ToString(), person.Id.ToString("D"), person.Id.ToString("N"), name];
        var found = new List<string>();
        await using var owner = await app.OwnerConnectionAsync();
        var tables = await owner.QueryAsync<(string Schema, string Table)>("""
            SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            """);
        foreach (var (schema, table) in tables)
        {
            var rows = await owner.QueryAsync<string>(
                $"SELECT t::text FROM \"{schema}\".\"{table}\" t WHERE t::text ILIKE ANY(@patterns)",
                new { patterns = needles.Select(n => "%" + n + "%").ToArray() });
            found.AddRange(rows.Select(r => $"{schema}.{table}: {r[..Math.Min(r.Length, 200)]}"));
        }

        var ring = app.Services.GetRequiredService<MasterKeyRing>();
        foreach (var (updateId, payload) in await owner.QueryAsync<(long, byte[])>("SELECT update_id, payload FROM telegram_dead_letters"))
        {
            var text = System.Text.Encoding.UTF8.GetString(ring.Decrypt(payload, System.Text.Encoding.UTF8.GetBytes(DeadLetters.AssociatedData(updateId))));
            if (needles.Any(text.Contains)) found.Add($"dead letter {updateId}");
        }

        var multiplexer = app.Services.GetRequiredService<IConnectionMultiplexer>();
        var redis = multiplexer.GetDatabase();
        foreach (var endpoint in multiplexer.GetEndPoints())
        {
            await foreach (var key in multiplexer.GetServer(endpoint).KeysAsync(pattern: app.RedisKeyPrefix + "*"))
            {
                var value = await redis.KeyTypeAsync(key) switch
                {
                    RedisType.String => (string?)await redis.StringGetAsync(key),
                    RedisType.Hash => string.Join(",", (await redis.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}")),
                    RedisType.Set => string.Join(",", await redis.SetMembersAsync(key)),
                    RedisType.SortedSet => string.Join(",", await redis.SortedSetRangeByRankAsync(key)),
                    RedisType.List => string.Join(",", await redis.ListRangeAsync(key)),
                    _ => "",
                };
                var entry = $"{key} = {value}";
                if (needles.Any(n => entry.Contains(n, StringComparison.OrdinalIgnoreCase))) found.Add("redis " + entry);
            }
        }
        return found;
    }
}
