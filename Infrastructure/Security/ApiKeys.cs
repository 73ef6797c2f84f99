using System.Security.Cryptography;
using System.Text;

namespace Mindguard.Infrastructure.Security;

/// <param name="Key">Shown to its owner once, never stored.</param>
/// <param name="Hash">What is stored and looked up.</param>
/// <param name="DisplayPrefix">Safe to show in lists so people can tell their keys apart.</param>
public sealed record GeneratedApiKey(string Key, string Hash, string DisplayPrefix);

/// <summary>
/// API keys are 256 random bits, so a fast hash is enough to store them (unlike passwords, they
/// cannot be guessed from a dictionary) and lookups stay a single index probe.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "mg_live_";
    private const int RandomBytes = 32;
    private const int EncodedLength = 43; // base64url of 32 bytes, no padding

    public static GeneratedApiKey Generate()
    {
        var key = Prefix + Base64Url(RandomNumberGenerator.GetBytes(RandomBytes));
        return new GeneratedApiKey(key, Hash(key), key[..12]);
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static bool HasValidShape(string? candidate) =>
        candidate is { Length: 51 }
        && candidate.StartsWith(Prefix, StringComparison.Ordinal)
        && candidate.AsSpan(Prefix.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
