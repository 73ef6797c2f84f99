using System.Security.Cryptography;
using System.Text;

namespace Mindguard.Infrastructure.Security;

/// <summary>A fresh data key and the same key wrapped by the master ring, which is what gets stored.</summary>
public sealed record DataKey(byte[] Key, byte[] Wrapped);

/// <summary>
/// Per-owner data keys (a person, or an organisation for the wall). A person's free text is encrypted
/// under their own key; deleting the one wrapped key makes every copy unreadable, backups included.
/// </summary>
public sealed class DataKeys(MasterKeyRing ring)
{
    /// <summary>Key id 0 in an envelope marks "a data key", never a master key (those are 1–255).</summary>
    public const byte DataKeyId = 0;

    public DataKey NewDataKey(Guid ownerId)
    {
        var key = RandomNumberGenerator.GetBytes(EncryptionKeyParser.KeyBytes);
        return new DataKey(key, ring.Encrypt(key, WrapContext(ownerId)));
    }

    public byte[] Unwrap(Guid ownerId, byte[] wrapped) => ring.Decrypt(wrapped, WrapContext(ownerId));

    /// <summary>Re-encrypts a wrapped key under the current master key, for rotation.</summary>
    public byte[] Rewrap(Guid ownerId, byte[] wrapped) => ring.Encrypt(Unwrap(ownerId, wrapped), WrapContext(ownerId));

    public static byte[] EncryptText(ReadOnlySpan<byte> dataKey, string text, string associatedData) =>
        Envelope.Seal(DataKeyId, dataKey, Encoding.UTF8.GetBytes(text), Encoding.UTF8.GetBytes(associatedData));

    public static string DecryptText(ReadOnlySpan<byte> dataKey, byte[] envelope, string associatedData)
    {
        if (Envelope.ReadKeyId(envelope) != DataKeyId) throw new CryptographicException("Value was not sealed with a data key");
        return Encoding.UTF8.GetString(Envelope.Open(dataKey, envelope, Encoding.UTF8.GetBytes(associatedData)));
    }

    private static byte[] WrapContext(Guid ownerId) => Encoding.UTF8.GetBytes($"mindguard:data-key:{ownerId}");
}
