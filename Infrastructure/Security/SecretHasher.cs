using System.Text;

namespace Mindguard.Infrastructure.Security;

/// <summary>
/// Argon2id through libsodium (Geralt). The encoded hash is a PHC string holding its own salt and
/// parameters, so raising the cost later leaves existing hashes verifiable.
/// </summary>
public sealed class SecretHasher(IOptions<Argon2Options> options)
{
    public string Hash(string secret)
    {
        var o = options.Value;
        Span<char> encoded = stackalloc char[Geralt.Argon2id.HashSize];
        Geralt.Argon2id.ComputeHash(encoded, Encoding.UTF8.GetBytes(secret), o.Iterations, o.MemoryKib * 1024);
        var end = encoded.IndexOf('\0');
        return new string(end < 0 ? encoded : encoded[..end]);
    }

    public bool Verify(string encodedHash, string secret)
    {
        if (string.IsNullOrEmpty(encodedHash) || !encodedHash.StartsWith("$argon2id$", StringComparison.Ordinal)) return false;
        try
        {
            return Geralt.Argon2id.VerifyHash(encodedHash, Encoding.UTF8.GetBytes(secret));
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return false;
        }
    }
}
