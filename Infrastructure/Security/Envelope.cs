using System.Security.Cryptography;

namespace Mindguard.Infrastructure.Security;

/// <summary>
/// AES-256-GCM envelope: <c>version(1) | keyId(1) | nonce(12) | ciphertext | tag(16)</c>.
/// The header travels with the value so a reader knows which key (and which format) to use
/// without any side table, and it is authenticated so nobody can re-label a value.
/// </summary>
public static class Envelope
{
    public const byte Version = 1;
    public const int KeySize = 32;
    public const int HeaderSize = 2;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int Overhead = HeaderSize + NonceSize + TagSize;

    // Longer associated data goes to the heap; row bindings are short, so this rarely happens.
    private const int StackAdLimit = 256;

    /// <summary>Seals <paramref name="plaintext"/> under <paramref name="key"/> with a fresh random nonce.</summary>
    public static byte[] Seal(byte keyId, ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        RequireKeySize(key);
        var envelope = new byte[Overhead + plaintext.Length];
        envelope[0] = Version;
        envelope[1] = keyId;
        var nonce = envelope.AsSpan(HeaderSize, NonceSize);
        var ciphertext = envelope.AsSpan(HeaderSize + NonceSize, plaintext.Length);
        var tag = envelope.AsSpan(HeaderSize + NonceSize + plaintext.Length, TagSize);

        // Random 96-bit nonces stay safe for about 2^32 values per key; key rotation keeps us far below that.
        RandomNumberGenerator.Fill(nonce);

        var ad = FullAssociatedData(envelope.AsSpan(0, HeaderSize), associatedData, stackalloc byte[StackAdLimit]);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, ad);
        return envelope;
    }

    /// <summary>Reads which key sealed the envelope, so a key ring can pick it before opening.</summary>
    /// <exception cref="CryptographicException">The envelope is too short or has an unknown version.</exception>
    public static byte ReadKeyId(ReadOnlySpan<byte> envelope)
    {
        RequireWellFormed(envelope);
        return envelope[1];
    }

    /// <summary>Opens an envelope; any tampering, wrong key or wrong associated data throws.</summary>
    /// <exception cref="CryptographicException">The envelope is malformed or fails authentication.</exception>
    public static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData)
    {
        RequireKeySize(key);
        RequireWellFormed(envelope);
        var length = envelope.Length - Overhead;
        var nonce = envelope.Slice(HeaderSize, NonceSize);
        var ciphertext = envelope.Slice(HeaderSize + NonceSize, length);
        var tag = envelope.Slice(HeaderSize + NonceSize + length, TagSize);

        var plaintext = new byte[length];
        var ad = FullAssociatedData(envelope[..HeaderSize], associatedData, stackalloc byte[StackAdLimit]);
        using var aes = new AesGcm(key, TagSize);
        // AesGcm clears the output when the tag does not match, so no unauthenticated bytes escape.
        aes.Decrypt(nonce, ciphertext, tag, plaintext, ad);
        return plaintext;
    }

    private static ReadOnlySpan<byte> FullAssociatedData(ReadOnlySpan<byte> header, ReadOnlySpan<byte> associatedData, Span<byte> scratch)
    {
        var total = header.Length + associatedData.Length;
        var buffer = total <= scratch.Length ? scratch[..total] : new byte[total];
        header.CopyTo(buffer);
        associatedData.CopyTo(buffer[header.Length..]);
        return buffer;
    }

    private static void RequireWellFormed(ReadOnlySpan<byte> envelope)
    {
        if (envelope.Length < Overhead)
            throw new CryptographicException($"Envelope is {envelope.Length} bytes; at least {Overhead} are required.");
        if (envelope[0] != Version)
            throw new CryptographicException($"Envelope version {envelope[0]} is not supported (expected {Version}).");
    }

    // A short key is a programming error, not a bad ciphertext, so it is an argument error.
    private static void RequireKeySize(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeySize)
            throw new ArgumentException($"AES-256-GCM needs a {KeySize}-byte key (got {key.Length}).", nameof(key));
    }
}
