using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Telegram;

/// <summary>
/// A seeded fuzz run against the webhook: malformed JSON, oversized bodies, update kinds the bot does not
/// use, odd messages and forged or garbled button data, from a stranger and from a member. Whatever
/// arrives, the answer is never a 5xx, nothing lands in the dead-letter table (no handler crashed) and
/// no personal data changes.
/// </summary>
public sealed class WebhookFuzzTests : AppsTestBase
{
    private const int Seed = 20261125;
    private static readonly string[] WatchedTables =
    [
        "users", "invites", "api_keys", "access_log", "checkin_days", "checkin_answers", "checkin_notes", "daily_estimates",
        "alerts", "alert_events", "wall_posts", "wall_flags", "voice_notes", "outbox", "telegram_dead_letters",
    ];

    [Fact]
    public async Task No_input_gets_a_server_error_crashes_a_handler_or_changes_stored_data()
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);
        var member = await org.EmployeeAsync(app);
        await app.GiveDataKeyAsync(member);
        var stranger = TestData.NewTelegramId();
        var before = await CountsAsync(app);

        var random = new Random(Seed);
        var bodies = new List<(string What, byte[] Body)>();
        foreach (var from in new[] { member.TelegramId, stranger })
        {
            bodies.AddRange(Malformed(random, from));
            bodies.AddRange(UnknownKinds(from).Select(b => ("unknown kind", Encoding.UTF8.GetBytes(b))));
            bodies.AddRange(OddMessages(random, from).Select(b => ("odd message", Encoding.UTF8.GetBytes(b))));
            bodies.AddRange(ForgedCallbacks(random, from).Select(b => ("forged callback", Encoding.UTF8.GetBytes(b))));
        }
        bodies.Add(("over 1 MB", Encoding.UTF8.GetBytes(TelegramUpdates.Text(member.TelegramId, new string('a', 1024 * 1024)))));
        bodies.Add(("5 MB of zeros", new byte[5 * 1024 * 1024]));

        var serverErrors = new List<string>();
        foreach (var (what, body) in bodies)
        {
            var status = (int)(await PostAsync(app, body)).StatusCode;
            if (status >= 500) serverErrors.Add($"{status} for {what}: {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 200)))}");
        }

        bodies.Count.ShouldBeGreaterThan(300);
        serverErrors.ShouldBeEmpty();
        (await CountsAsync(app)).ShouldBe(before);
    }

    private static async Task<HttpResponseMessage> PostAsync(MindguardApp app, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = content };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", MindguardApp.WebhookSecret);
        return await app.Http.SendAsync(request);
    }

    private static async Task<Dictionary<string, long>> CountsAsync(MindguardApp app)
    {
        await using var owner = await app.OwnerConnectionAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in WatchedTables) counts[table] = await owner.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}");
        return counts;
    }

    private static IEnumerable<(string, byte[])> Malformed(Random random, long from)
    {
        var valid = TelegramUpdates.Text(from, "/help");
        for (var i = 0; i < 40; i++) yield return ("truncated", Encoding.UTF8.GetBytes(valid[..random.Next(0, valid.Length - 1)]));
        for (var i = 0; i < 40; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(valid);
            for (var flips = random.Next(1, 6); flips > 0; flips--) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            yield return ("bytes flipped", bytes);
        }
        for (var i = 0; i < 10; i++)
        {
            var noise = new byte[random.Next(1, 2000)];
            random.NextBytes(noise);
            yield return ("noise", noise);
        }
        string[] shapes =
        [
            "", "null", "[]", "\"update\"", "42", "{}", "{\"update_id\":\"abc\"}", "{\"update_id\":-5}", "{\"update_id\":1.5}",
            "{\"update_id\":99999999999999999999999}", "{\"update_id\":7,\"message\":\"text\"}", "{\"update_id\":8,\"message\":{}}",
            "{\"update_id\":9,\"message\":{\"chat\":{}}}", "{\"update_id\":10,\"callback_query\":{}}",
            "{\"update_id\":11,\"callback_query\":{\"id\":\"x\",\"data\":\"ci:v1:go\"}}",
            "{\"update_id\":12,\"message\":{\"message_id\":1,\"date\":0,\"chat\":{\"id\":" + from + ",\"type\":\"private\"},\"text\":\"/status\"}}",
            new string('[', 10_000) + new string(']', 10_000),
            "{\"update_id\":13," + string.Concat(Enumerable.Repeat("\"k\":{", 500)) + "}" + new string('}', 500),
        ];
        foreach (var shape in shapes) yield return ("wrong shape", Encoding.UTF8.GetBytes(shape));
    }

    private static IEnumerable<string> UnknownKinds(long from)
    {
        var user = new JsonObject { ["id"] = from, ["is_bot"] = false, ["first_name"] = "P" };
        var chat = new JsonObject { ["id"] = from, ["type"] = "private" };
        yield return TelegramUpdates.UnknownKind(from);
        yield return Update("message_reaction", new JsonObject { ["chat"] = chat.DeepClone(), ["message_id"] = 1, ["date"] = 0, ["user"] = user.DeepClone(), ["old_reaction"] = new JsonArray(), ["new_reaction"] = new JsonArray() });
        yield return Update("my_chat_member", new JsonObject { ["chat"] = chat.DeepClone(), ["from"] = user.DeepClone(), ["date"] = 0,
            ["old_chat_member"] = new JsonObject { ["status"] = "member", ["user"] = user.DeepClone() },
            ["new_chat_member"] = new JsonObject { ["status"] = "kicked", ["user"] = user.DeepClone(), ["until_date"] = 0 } });
        yield return Update("channel_post", new JsonObject { ["message_id"] = 1, ["date"] = 0, ["chat"] = new JsonObject { ["id"] = -100123, ["type"] = "channel" }, ["text"] = "/status" });
        yield return Update("inline_query", new JsonObject { ["id"] = "1", ["from"] = user.DeepClone(), ["query"] = "status", ["offset"] = "" });
        yield return Update("a_kind_from_the_future", new JsonObject { ["whatever"] = new JsonArray(1, 2, 3) });
        yield return TelegramUpdates.EditedText(from, "/forget");
    }

    private static IEnumerable<string> OddMessages(Random random, long from)
    {
        string[] texts =
        [
            "", " ", "/", "//", "/time 99:99", "/time -1", "/timezone Mars/Olympus_Mons", "/timezone ../../etc/passwd", "/pause 31.02.2026",
            "/pause 9999-01-01", "/pause yesterday", "/join ' OR 1=1 --", "/join " + new string('Z', 4000), "/start " + new string('9', 4000),
            "/settings@SomeOtherBot", "/unknown_command", "\u202Eevil\u200B\u0000", "🙂🙃🫠", new string('ж', 4096),
        ];
        foreach (var text in texts) yield return TelegramUpdates.Text(from, text);
        for (var i = 0; i < 10; i++) yield return TelegramUpdates.Text(from, "/" + RandomText(random, random.Next(1, 40)));
        var sticker = JsonNode.Parse(TelegramUpdates.Text(from, "x"))!.AsObject();
        var message = sticker["message"]!.AsObject();
        message.Remove("text");
        message["sticker"] = new JsonObject { ["file_id"] = "s", ["file_unique_id"] = "s-u", ["type"] = "regular", ["width"] = 1, ["height"] = 1, ["is_animated"] = false, ["is_video"] = false };
        yield return sticker.ToJsonString();
        yield return TelegramUpdates.Voice(from, "no-such-file", durationSeconds: 100_000, fileSize: long.MaxValue);
    }

    private static IEnumerable<string> ForgedCallbacks(Random random, long from)
    {
        string Hex(int length) => Convert.ToHexStringLower(RandomBytes(random, length / 2));
        string[] data =
        [
            "", "x", "ci", "ci:", "ci:v1:", "ci:v2:go", "ci:v1:" + Hex(32), $"ci:v1:{Hex(32)}:0:1", $"ci:v1:{Hex(32)}:999:1", $"ci:v1:{Hex(32)}:-1:1",
            $"ci:v1:{Hex(32)}:0:99999999999", $"ci:v1:{Hex(32)}:skip", $"ci:v1:{Hex(32)}:0:", "ci:v1:../../:0:1",
            $"al:v1:ack:{Guid.NewGuid():N}", $"al:v1:res:{Guid.NewGuid():N}", $"al:v1:yes:{Guid.NewGuid():N}", "al:v1:no:not-a-guid", "al:v1:",
            $"wall:v1:del:{Hex(64)}", "wall:v1:read:notanumber", "wall:v1:read:-1", $"wall:v1:flag:{Guid.NewGuid()}", "wall:v1:topic:nonsense", "wall:v1:publish",
            "set:v1:tz:Mars/Olympus", "set:v1:time:25:61", "set:v1:cadence:hourly", "set:v1:" + Hex(20), "set:v1:lang:xx",
            "forget:v1:maybe", "forget:v2:yes", "lang:v1:xx", "cr:v1:unknown", "cr:v2:talk",
        ];
        foreach (var d in data) yield return TelegramUpdates.Callback(from, d);
        for (var i = 0; i < 20; i++) yield return TelegramUpdates.Callback(from, RandomText(random, random.Next(1, 64)));
        // A tap on a button of an inline message carries no message at all.
        yield return Update("callback_query", new JsonObject
        {
            ["id"] = "inline-1", ["from"] = new JsonObject { ["id"] = from, ["is_bot"] = false, ["first_name"] = "P" },
            ["inline_message_id"] = "AAAA", ["chat_instance"] = "1", ["data"] = $"ci:v1:{Hex(32)}:0:1",
        });
    }

    private static string Update(string kind, JsonObject payload) =>
        new JsonObject { ["update_id"] = TelegramUpdates.NextUpdateId(), [kind] = payload }.ToJsonString();

    private static string RandomText(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(_ => (char)random.Next(0x21, 0x7E)).ToArray());

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
