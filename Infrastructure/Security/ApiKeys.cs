using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Mindguard.Infrastructure.Security;

/// <summary>A new API key: show <see cref="Key"/> once, store <see cref="Hash"/>, list <see cref="DisplayPrefix"/>.</summary>
public sealed record GeneratedApiKey(string Key, string Hash, string DisplayPrefix);

/// <summary>
/// API keys are random 256-bit tokens, so a fast SHA-256 is enough to store them: there is nothing
/// to guess, unlike a typed password. The prefix makes leaked keys easy to spot in logs and scanners.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "mg_live_";

    private const int RandomBytes = 32;

    // 32 bytes in unpadded base64url.
    private const int EncodedLength = 43;

    private const int DisplayLength = 12;

    public static GeneratedApiKey Generate()
    {
        Span<byte> random = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(random);
        var key = Prefix + Base64Url.EncodeToString(random);
        CryptographicOperations.ZeroMemory(random);
        return new GeneratedApiKey(key, Hash(key), key[..DisplayLength]);
    }

    /// <summary>Lowercase hex SHA-256 of the whole key, prefix included, as stored and looked up.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Cheap shape check before any lookup, so junk never reaches the database.</summary>
    public static bool HasValidShape(string? candidate)
    {
        if (candidate is null || candidate.Length != Prefix.Length + EncodedLength
            || !candidate.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var encoded = candidate.AsSpan(Prefix.Length);
        foreach (var c in encoded)
        {
            if (SextetOf(c) < 0)
                return false;
        }
        // 43 characters carry 258 bits; the last two must be zero or the text is not what we issued.
        return (SextetOf(encoded[^1]) & 0b11) == 0;
    }

    private static int SextetOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        '_' => 63,
        _ => -1,
    };
}
