using System.Security.Cryptography;
using System.Text;

namespace Mindguard.Infrastructure.Security;

/// <summary>
/// The master keys from MINDGUARD_ENCRYPTION_KEYS. New values use the first key; any listed key
/// decrypts, which is what lets keys rotate without a flag day.
/// </summary>
public sealed class MasterKeyRing
{
    private readonly IReadOnlyList<(byte Id, byte[] Key)> _keys;

    public MasterKeyRing(IOptions<EncryptionOptions> options)
    {
        var (keys, errors) = EncryptionKeyParser.Parse(options.Value.Keys);
        if (errors.Count > 0) throw new OptionsValidationException(nameof(EncryptionOptions), typeof(EncryptionOptions), errors);
        _keys = keys;
    }

    public byte CurrentKeyId => _keys[0].Id;

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData) =>
        Envelope.Seal(_keys[0].Id, _keys[0].Key, plaintext, associatedData);

    public byte[] Decrypt(ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData)
    {
        var keyId = Envelope.ReadKeyId(envelope);
        foreach (var (id, key) in _keys)
        {
            if (id == keyId) return Envelope.Open(key, envelope, associatedData);
        }
        throw new CryptographicException($"Master key {keyId} is not in {EncryptionKeyParser.Variable}");
    }

    public byte[] EncryptText(string text, string associatedData) =>
        Encrypt(Encoding.UTF8.GetBytes(text), Encoding.UTF8.GetBytes(associatedData));

    public string DecryptText(byte[] envelope, string associatedData) =>
        Encoding.UTF8.GetString(Decrypt(envelope, Encoding.UTF8.GetBytes(associatedData)));
}
