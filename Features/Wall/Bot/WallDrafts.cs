using System.Buffers.Text;
using System.Security.Cryptography;
using Mindguard.Features.Wall.Posts;
using Mindguard.Infrastructure.Security;
using StackExchange.Redis;

namespace Mindguard.Features.Wall.Bot;

/// <summary>A post being written: its text and, once chosen, its category.</summary>
public sealed record WallDraft(string Id, string Text, string? Category);

/// <summary>
/// Drafts live in Redis for a few minutes, one per person, sealed with the master key (they are
/// someone's words) under a keyed hash of the person. The id travels in the buttons, so a button of
/// an older draft never acts on a newer one. Taking a draft to publish it is atomic: a double tap, on
/// one replica or two, publishes once.
/// </summary>
public sealed class WallDrafts(IDatabase redis, MasterKeyRing ring, WallSecrets secrets, IOptions<WallOptions> options)
{
    public const int IdLength = 11;

    private const string SetCategoryScript = """
        if redis.call('HGET', KEYS[1], 'id') ~= ARGV[1] then return 0 end
        redis.call('HSET', KEYS[1], 'cat', ARGV[2])
        return 1
        """;

    private const string TakeScript = """
        if redis.call('HGET', KEYS[1], 'id') ~= ARGV[1] then return false end
        local draft = redis.call('HMGET', KEYS[1], 'text', 'cat')
        redis.call('DEL', KEYS[1])
        return draft
        """;

    private const string DiscardScript = """
        if redis.call('HGET', KEYS[1], 'id') == ARGV[1] then redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private string Key(long telegramId) => "wall:draft:" + secrets.DraftKey(telegramId);

    private static string Context(string id) => "mindguard:wall-draft:" + id;

    /// <summary>Eight random bytes: enough to tell drafts apart, short enough for callback data.</summary>
    public static string NewId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(8));

    public async Task<WallDraft> StartAsync(long telegramId, string text)
    {
        var draft = new WallDraft(NewId(), text, null);
        await SaveAsync(telegramId, draft);
        return draft;
    }

    public async Task<WallDraft?> FindAsync(long telegramId, string id)
    {
        var fields = await redis.HashGetAsync(Key(telegramId), ["id", "text", "cat"]);
        return fields[0] == id ? Open(id, fields[1], fields[2]) : null;
    }

    public async Task<bool> SetCategoryAsync(long telegramId, string id, string category) =>
        (long)await redis.ScriptEvaluateAsync(SetCategoryScript, [Key(telegramId)], [id, category]) == 1;

    /// <summary>Removes the draft and returns it, or null when it expired or was replaced or taken.</summary>
    public async Task<WallDraft?> TakeAsync(long telegramId, string id)
    {
        var result = await redis.ScriptEvaluateAsync(TakeScript, [Key(telegramId)], [id]);
        if (result.IsNull) return null;
        var fields = (RedisValue[])result!;
        return Open(id, fields[0], fields[1]);
    }

    /// <summary>Puts a taken draft back when publishing it failed, so the person's tap can be retried.</summary>
    public Task RestoreAsync(long telegramId, WallDraft draft) => SaveAsync(telegramId, draft);

    public Task DiscardAsync(long telegramId, string id) => redis.ScriptEvaluateAsync(DiscardScript, [Key(telegramId)], [id]);

    /// <summary>
    /// Holds a published draft's deletion token until the confirmation has reached the person. If
    /// Telegram fails to show it, the tap is redelivered and finds the token here instead of losing
    /// it: the post is already stored, and the token exists nowhere else.
    /// </summary>
    public async Task KeepReceiptAsync(long telegramId, string id, string token)
    {
        var key = ReceiptKey(telegramId);
        await redis.HashSetAsync(key, [new("id", id), new("token", ring.EncryptText(token, ReceiptContext(id)))]);
        await redis.KeyExpireAsync(key, options.Value.DraftLifetime);
    }

    public async Task<string?> ReceiptAsync(long telegramId, string id)
    {
        var fields = await redis.HashGetAsync(ReceiptKey(telegramId), ["id", "token"]);
        return fields[0] == id && !fields[1].IsNullOrEmpty ? ring.DecryptText((byte[])fields[1]!, ReceiptContext(id)) : null;
    }

    public Task DropReceiptAsync(long telegramId, string id) => redis.ScriptEvaluateAsync(DiscardScript, [ReceiptKey(telegramId)], [id]);

    /// <summary>For /forget: the draft and the receipt go, whatever state they are in.</summary>
    public Task ForgetAsync(long telegramId) => redis.KeyDeleteAsync([Key(telegramId), ReceiptKey(telegramId)]);

    private string ReceiptKey(long telegramId) => "wall:receipt:" + secrets.DraftKey(telegramId);

    private static string ReceiptContext(string id) => "mindguard:wall-receipt:" + id;

    private async Task SaveAsync(long telegramId, WallDraft draft)
    {
        var key = Key(telegramId);
        await redis.HashSetAsync(key,
        [
            new("id", draft.Id), new("text", ring.EncryptText(draft.Text, Context(draft.Id))), new("cat", draft.Category ?? ""),
        ]);
        await redis.KeyExpireAsync(key, options.Value.DraftLifetime);
    }

    private WallDraft? Open(string id, RedisValue text, RedisValue category)
    {
        if (text.IsNullOrEmpty) return null;
        var plain = ring.DecryptText((byte[])text!, Context(id));
        return new WallDraft(id, plain, category.IsNullOrEmpty ? null : category.ToString());
    }
}
