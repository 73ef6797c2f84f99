using System.Globalization;
using Mindguard.Features.Wall.Posts;

namespace Mindguard.Features.Wall.Bot;

/// <summary>
/// The wall's buttons, <c>wall:v1:…</c>. Data from Telegram is whatever a client chose to send, so it
/// is parsed strictly: exact shapes, exact lengths, known categories; anything else is no button at all.
/// </summary>
public abstract record WallCallback
{
    public const string Prefix = "wall:v1:";

    public sealed record Write : WallCallback;
    /// <param name="Before">Show posts released before this place; null for the newest.</param>
    public sealed record Read(long? Before) : WallCallback;
    public sealed record Category(string DraftId, string Name) : WallCallback;
    public sealed record Publish(string DraftId) : WallCallback;
    public sealed record Cancel(string DraftId) : WallCallback;
    /// <summary>First tap on "delete": asks for confirmation.</summary>
    public sealed record Delete(string Token) : WallCallback;
    public sealed record ConfirmDelete(string Token) : WallCallback;
    public sealed record KeepPost(string Token) : WallCallback;
    public sealed record Flag(Guid PostId) : WallCallback;

    public static string WriteData => Prefix + "write";
    public static string ReadData(long? before = null) => before is null ? Prefix + "read" : Prefix + "read:" + before.Value.ToString(CultureInfo.InvariantCulture);
    public static string CategoryData(string draftId, string category) => $"{Prefix}cat:{draftId}:{category}";
    public static string PublishData(string draftId) => $"{Prefix}pub:{draftId}";
    public static string CancelData(string draftId) => $"{Prefix}cancel:{draftId}";
    public static string DeleteData(string token) => $"{Prefix}del:{token}";
    public static string ConfirmDeleteData(string token) => $"{Prefix}delok:{token}";
    public static string KeepData(string token) => $"{Prefix}keep:{token}";
    public static string FlagData(Guid postId) => $"{Prefix}flag:{postId:N}";

    /// <summary>The callback, or null for anything that is not exactly one of the shapes above.</summary>
    public static WallCallback? Parse(string? data)
    {
        // Telegram allows 64 bytes; anything longer did not come from one of our buttons.
        if (data is null || data.Length > 64) return null;
        return data.Split(':') switch
        {
            ["wall", "v1", "write"] => new Write(),
            ["wall", "v1", "read"] => new Read(null),
            ["wall", "v1", "read", var place] when TryPlace(place, out var before) => new Read(before),
            ["wall", "v1", "cat", var id, var name] when IsDraftId(id) && WallCategories.IsKnown(name) => new Category(id, name),
            ["wall", "v1", "pub", var id] when IsDraftId(id) => new Publish(id),
            ["wall", "v1", "cancel", var id] when IsDraftId(id) => new Cancel(id),
            ["wall", "v1", "del", var token] when DeletionTokens.TryDecode(token, out _) => new Delete(token),
            ["wall", "v1", "delok", var token] when DeletionTokens.TryDecode(token, out _) => new ConfirmDelete(token),
            ["wall", "v1", "keep", var token] when DeletionTokens.TryDecode(token, out _) => new KeepPost(token),
            ["wall", "v1", "flag", var post] when Guid.TryParseExact(post, "N", out var id) && post.All(c => !char.IsUpper(c)) => new Flag(id),
            _ => null,
        };
    }

    private static bool TryPlace(string text, out long place)
    {
        place = 0;
        return text.Length is > 0 and <= 19 && text[0] != '0' && text.All(char.IsAsciiDigit)
               && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out place) && place > 0;
    }

    private static bool IsDraftId(string id) =>
        id.Length == WallDrafts.IdLength && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
