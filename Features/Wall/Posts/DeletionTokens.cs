using System.Buffers.Text;
using System.Security.Cryptography;

namespace Mindguard.Features.Wall.Posts;

/// <summary>A new token: give <see cref="Token"/> to the author once, store only <see cref="Hash"/>.</summary>
public sealed record DeletionToken(string Token, byte[] Hash);

/// <summary>
/// The author's proof of authorship, and the only one: 144 random bits, shown once as 24 base64url
/// characters (short enough for callback data), stored as SHA-256. PostgreSQL hashes the presented
/// token itself when deleting, so the stored hash alone deletes nothing.
/// </summary>
public static class DeletionTokens
{
    public const int Bytes = 18;

    /// <summary>18 bytes are exactly 24 base64url characters, with no padding and no spare bits.</summary>
    public const int Length = 24;

    public static DeletionToken New()
    {
        var raw = RandomNumberGenerator.GetBytes(Bytes);
        try
        {
            return new DeletionToken(Base64Url.EncodeToString(raw), SHA256.HashData(raw));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(raw);
        }
    }

    /// <summary>Accepts exactly what <see cref="New"/> issues; anything else is refused before any lookup.</summary>
    public static bool TryDecode(string? token, out byte[] raw)
    {
        raw = [];
        if (token is not { Length: Length } || !token.All(IsBase64UrlChar)) return false;
        raw = Base64Url.DecodeFromChars(token);
        return raw.Length == Bytes;
    }

    private static bool IsBase64UrlChar(char c) => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_';
}
