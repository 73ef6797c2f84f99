using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Geralt;

namespace Mindguard.Infrastructure.Security;

/// <summary>
/// Argon2id (libsodium via Geralt) for anything a person types as a secret. Hashes are PHC strings
/// (<c>$argon2id$v=19$m=…,t=…,p=1$salt$hash</c>) carrying their own salt and cost, so a change of
/// <see cref="Argon2Options"/> applies to new hashes while old ones keep verifying.
/// </summary>
public sealed class SecretHasher
{
    private const string Prefix = "$argon2id$v=19$";

    // A stored hash dictates the work done to verify it; refusing absurd costs keeps one
    // corrupted or planted row from tying up a replica.
    private const long MaxVerifyMemoryKib = Argon2OptionsValidator.MaxMemoryKib;
    private const long MaxVerifyIterations = 64;

    private readonly int _iterations;
    private readonly int _memoryBytes;

    public SecretHasher(IOptions<Argon2Options> options)
    {
        var value = options.Value;
        var problems = Argon2OptionsValidator.Problems(value).ToList();
        if (problems.Count > 0)
            throw new OptionsValidationException(Options.DefaultName, typeof(Argon2Options), problems);
        _iterations = value.Iterations;
        _memoryBytes = value.MemoryKib * 1024;
    }

    public string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<char> hash = stackalloc char[Argon2id.HashSize];
        var buffer = RentUtf8(secret, out var length);
        try
        {
            Argon2id.ComputeHash(hash, buffer.AsSpan(0, length), _iterations, _memoryBytes);
        }
        finally
        {
            Return(buffer);
        }
        // libsodium pads the string with NULs up to its fixed buffer size.
        return new string(hash.TrimEnd('\0'));
    }

    /// <summary>True only for the right secret; false (never an exception) for a wrong secret or malformed hash.</summary>
    public bool Verify(string encodedHash, string secret)
    {
        if (secret is null || !LooksVerifiable(encodedHash))
            return false;
        var buffer = RentUtf8(secret, out var length);
        try
        {
            // libsodium recomputes the hash and compares in constant time.
            return Argon2id.VerifyHash(encodedHash, buffer.AsSpan(0, length));
        }
        catch (ArgumentException)
        {
            return false;
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>True when the hash was made with other costs than today's, so it should be replaced at the next successful login.</summary>
    public bool NeedsRehash(string encodedHash) =>
        !LooksVerifiable(encodedHash) || Argon2id.NeedsRehash(encodedHash, _iterations, _memoryBytes);

    private static bool LooksVerifiable(string? encodedHash)
    {
        if (encodedHash is null || encodedHash.Length > Argon2id.HashSize || !encodedHash.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var parameters = encodedHash[Prefix.Length..].Split('$')[0].Split(',');
        if (parameters.Length != 3 || parameters[2] != "p=1")
            return false;
        return TryCost(parameters[0], "m=", out var memoryKib) && memoryKib <= MaxVerifyMemoryKib
            && TryCost(parameters[1], "t=", out var iterations) && iterations is >= 1 and <= MaxVerifyIterations;
    }

    private static bool TryCost(string part, string name, out long value)
    {
        value = 0;
        return part.StartsWith(name, StringComparison.Ordinal)
            && long.TryParse(part.AsSpan(name.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    // The UTF-8 copy of the secret lives in a pooled buffer that is wiped before it goes back.
    private static byte[] RentUtf8(string secret, out int length)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(secret.Length));
        length = Encoding.UTF8.GetBytes(secret, buffer);
        return buffer;
    }

    private static void Return(byte[] buffer)
    {
        CryptographicOperations.ZeroMemory(buffer);
        ArrayPool<byte>.Shared.Return(buffer);
    }
}
