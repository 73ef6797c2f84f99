using System.Security.Cryptography;
using System.Text;

namespace Mindguard.Infrastructure.Security;

/// <summary>
/// Seals what the API-key cache in Redis says about a key (<c>userId|orgId|role</c>) with an HMAC, so
/// anyone who can write to Redis still cannot grant a key a role: an entry whose MAC does not verify is
/// ignored and the key is looked up in PostgreSQL. The MAC binds the key hash too, so an admin's entry
/// copied under another key's name does not verify either.
/// </summary>
public sealed class AuthCacheSeal(MasterKeyRing ring)
{
    // Derived from the current master key: after a rotation old entries stop verifying and are looked up
    // again, which costs one query per key, once.
    private readonly byte[] _key = ring.DeriveSecret("auth-cache");

    public string Seal(string keyHash, string value) => value + "|" + Convert.ToBase64String(Mac(keyHash, value));

    /// <summary>The sealed value, or null when the entry was not written by us for this key.</summary>
    public string? Open(string keyHash, string entry)
    {
        var bar = entry.LastIndexOf('|');
        if (bar < 0) return null;
        var value = entry[..bar];
        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(entry[(bar + 1)..], presented, out var length) || length != presented.Length) return null;
        return CryptographicOperations.FixedTimeEquals(presented, Mac(keyHash, value)) ? value : null;
    }

    private byte[] Mac(string keyHash, string value) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(keyHash + "\n" + value));
}
