using System.Security.Cryptography;

namespace Mindguard.Infrastructure.Security;

/// <summary>
/// AES-256-GCM envelope: <c>version(1) | keyId(1) | nonce(12) | ciphertext | tag(16)</c>.
/// The header is authenticated with the caller's associated data, so a value cannot be moved to
/// another row or relabelled with another key id without detection.
/// </summary>
public static class Envelope
{
    public const byte Version = 1;
    public const int HeaderSize = 2;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int Overhead = HeaderSize + NonceSize + TagSize;

    public static byte[] Seal(byte keyId, ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var envelope = new byte[Overhead + plaintext.Length];
        envelope[0] = Version;
        envelope[1] = keyId;
        var nonce = envelope.AsSpan(HeaderSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var ciphertext = envelope.AsSpan(HeaderSize + NonceSize, plaintext.Length);
        var tag = envelope.AsSpan(HeaderSize + NonceSize + plaintext.Length, TagSize);

        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, AuthenticatedData(envelope.AsSpan(0, HeaderSize), associatedData));
        return envelope;
    }

    public static byte ReadKeyId(ReadOnlySpan<byte> envelope)
    {
        CheckShape(envelope);
        return envelope[1];
    }

    public static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData)
    {
        CheckShape(envelope);
        var length = envelope.Length - Overhead;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        // Throws AuthenticationTagMismatchException (a CryptographicException) on any tampering.
        aes.Decrypt(
            envelope.Slice(HeaderSize, NonceSize),
            envelope.Slice(HeaderSize + NonceSize, length),
            envelope.Slice(HeaderSize + NonceSize + length, TagSize),
            plaintext,
            AuthenticatedData(envelope[..HeaderSize], associatedData));
        return plaintext;
    }

    private static void CheckShape(ReadOnlySpan<byte> envelope)
    {
        if (envelope.Length < Overhead) throw new CryptographicException("Encrypted value is truncated");
        if (envelope[0] != Version) throw new CryptographicException($"Unknown envelope version {envelope[0]}");
    }

    private static byte[] AuthenticatedData(ReadOnlySpan<byte> header, ReadOnlySpan<byte> associatedData)
    {
        var combined = new byte[header.Length + associatedData.Length];
        header.CopyTo(combined);
        associatedData.CopyTo(combined.AsSpan(header.Length));
        return combined;
    }
}
