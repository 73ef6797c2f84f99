using System.Security.Cryptography;
using System.Text;

namespace Mindguard.Infrastructure.Security;

/// <summary>A fresh data key: <see cref="Key"/> is used now and forgotten, <see cref="Wrapped"/> is stored.</summary>
public sealed record DataKey(byte[] Key, byte[] Wrapped);

/// <summary>
/// Per-person data keys for crypto-shredding: a person's free text is sealed under their own key,
/// which is stored only wrapped by a master key. Deleting the wrapped key makes every copy of
/// their text unreadable, backups included, without hunting the copies down.
/// </summary>
public sealed class DataKeys(MasterKeyRing ring)
{
    /// <summary>Key id written into envelopes sealed by a data key, so they are never mistaken for master-key values.</summary>
    public const byte DataKeyId = 0;

    public DataKey NewDataKey(Guid ownerId)
    {
        var key = RandomNumberGenerator.GetBytes(Envelope.KeySize);
        return new DataKey(key, ring.Encrypt(key, WrapContext(ownerId)));
    }

    /// <exception cref="CryptographicException">The wrapped key belongs to another owner or was altered.</exception>
    public byte[] Unwrap(Guid ownerId, byte[] wrapped)
    {
        var key = ring.Decrypt(wrapped, WrapContext(ownerId));
        if (key.Length != Envelope.KeySize)
        {
            CryptographicOperations.ZeroMemory(key);
            throw new CryptographicException($"Unwrapped data key is {key.Length} bytes, not {Envelope.KeySize}.");
        }
        return key;
    }

    /// <summary>Re-seals a wrapped key under the current master key, so an old master key can be retired.</summary>
    public byte[] Rewrap(Guid ownerId, byte[] wrapped)
    {
        var key = Unwrap(ownerId, wrapped);
        try
        {
            return ring.Encrypt(key, WrapContext(ownerId));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public static byte[] Encrypt(ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData) =>
        Envelope.Seal(DataKeyId, dataKey, plaintext, associatedData);

    /// <exception cref="CryptographicException">Not a data-key envelope, tampering, wrong key or associated data.</exception>
    public static byte[] Decrypt(ReadOnlySpan<byte> dataKey, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData)
    {
        var keyId = Envelope.ReadKeyId(envelope);
        if (keyId != DataKeyId)
            throw new CryptographicException($"Value was sealed with master key {keyId}, not with a data key.");
        return Envelope.Open(dataKey, envelope, associatedData);
    }

    public static byte[] EncryptText(ReadOnlySpan<byte> dataKey, string text, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plaintext = Encoding.UTF8.GetBytes(text);
        try
        {
            return Encrypt(dataKey, plaintext, Encoding.UTF8.GetBytes(associatedData));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public static string DecryptText(ReadOnlySpan<byte> dataKey, byte[] envelope, string associatedData)
    {
        var plaintext = Decrypt(dataKey, envelope, Encoding.UTF8.GetBytes(associatedData));
        try
        {
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// The associated data a data key is wrapped with: the owner id stops one person's wrapped key being
    /// swapped into another's row. Public for key rotation, which re-seals wrapped keys it never unwraps to use.
    /// </summary>
    public static byte[] WrapContext(Guid ownerId) => Encoding.UTF8.GetBytes("mindguard:data-key:" + ownerId.ToString("D"));
}
