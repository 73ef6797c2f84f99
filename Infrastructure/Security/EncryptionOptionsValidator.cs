using System.Security.Cryptography;

namespace Mindguard.Infrastructure.Security;

/// <summary>Fails start-up with readable messages when <c>MINDGUARD_ENCRYPTION_KEYS</c> is missing or malformed.</summary>
public sealed class EncryptionOptionsValidator : IValidateOptions<EncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, EncryptionOptions options)
    {
        var keys = EncryptionKeyParser.Parse(options.Keys, out var errors);
        foreach (var key in keys)
            CryptographicOperations.ZeroMemory(key.Key);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
