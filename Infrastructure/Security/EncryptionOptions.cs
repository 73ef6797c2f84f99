using Microsoft.Extensions.Configuration;

namespace Mindguard.Infrastructure.Security;

/// <summary>
/// Master keys for the AES-256-GCM envelope, bound from the root configuration so that the
/// plain environment variable <c>MINDGUARD_ENCRYPTION_KEYS</c> works on Railway and in Docker.
/// </summary>
public sealed class EncryptionOptions
{
    /// <summary>
    /// <c>id:base64key[,id:base64key…]</c>: ids 1..255, unique; each key exactly 32 random bytes
    /// in standard base64. The first entry encrypts new values; every entry still decrypts,
    /// so rotation is "put the new key first, keep the old ones until re-wrapped".
    /// Generate a key with <c>head -c 32 /dev/urandom | base64</c>.
    /// </summary>
    [ConfigurationKeyName(EncryptionKeyParser.VariableName)]
    public string Keys { get; set; } = "";
}
