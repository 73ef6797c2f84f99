using System.Security.Cryptography;
using System.Text;

namespace Mindguard.Infrastructure.Security;

/// <summary>
/// The master keys from <c>MINDGUARD_ENCRYPTION_KEYS</c>: the first seals new values, every key
/// opens the values it sealed, so keys rotate without a flag day.
/// </summary>
public sealed class MasterKeyRing
{
    // Indexed by key id; the id is one byte, so a flat array is the whole lookup.
    private readonly byte[]?[] _keys = new byte[]?[256];
    private readonly byte[] _current;

    public MasterKeyRing(IOptions<EncryptionOptions> options)
    {
        var keys = EncryptionKeyParser.Parse(options.Value.Keys, out var errors);
        // Options built by hand (tests, tools) skip the validator, so the ring refuses bad keys itself.
        if (errors.Count > 0)
            throw new OptionsValidationException(EncryptionKeyParser.VariableName, typeof(EncryptionOptions), errors);

        foreach (var key in keys)
            _keys[key.Id] = key.Key;
        CurrentKeyId = keys[0].Id;
        _current = keys[0].Key;
        KeyIds = keys.Select(k => k.Id).ToArray();
    }

    /// <summary>Every configured key id, the current one first; ids only, never key material.</summary>
    public IReadOnlyList<byte> KeyIds { get; }

    /// <summary>The id that new envelopes carry; values with another id are due for re-wrapping.</summary>
    public byte CurrentKeyId { get; }

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData) =>
        Envelope.Seal(CurrentKeyId, _current, plaintext, associatedData);

    /// <exception cref="CryptographicException">Unknown key id, tampering or wrong associated data.</exception>
    public byte[] Decrypt(ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData)
    {
        var keyId = Envelope.ReadKeyId(envelope);
        var key = _keys[keyId]
            ?? throw new CryptographicException(
                $"Value was sealed with master key {keyId}, which is not in {EncryptionKeyParser.VariableName}.");
        return Envelope.Open(key, envelope, associatedData);
    }

    /// <summary>
    /// A secret for one <paramref name="purpose"/> (a keyed hash, say), derived from the current master
    /// key with HKDF so it never has to be stored. It changes when the current key rotates, so it suits
    /// values whose loss then is harmless (expiring counters, de-duplication), not anything to decrypt.
    /// </summary>
    public byte[] DeriveSecret(string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, _current, Envelope.KeySize, salt: [], info: Encoding.UTF8.GetBytes("mindguard:derived:" + purpose));
    }

    public byte[] EncryptText(string text, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plaintext = Encoding.UTF8.GetBytes(text);
        try
        {
            return Encrypt(plaintext, Encoding.UTF8.GetBytes(associatedData));
        }
        finally
        {
            // The string itself cannot be wiped, but our copy of it need not linger until GC.
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public string DecryptText(byte[] envelope, string associatedData)
    {
        var plaintext = Decrypt(envelope, Encoding.UTF8.GetBytes(associatedData));
        try
        {
            return Encoding.UTF8.GetString(plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
