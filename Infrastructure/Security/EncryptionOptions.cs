namespace Mindguard.Infrastructure.Security;

/// <summary>Master keys for the AES-256-GCM envelope.</summary>
public sealed class EncryptionOptions
{
    /// <summary>
    /// <c>id:base64key[,id:base64key…]</c>, 32-byte keys, ids 1–255. The first encrypts; all decrypt,
    /// so a new key goes first and old ones stay until their data is re-wrapped.
    /// </summary>
    [ConfigurationKeyName("MINDGUARD_ENCRYPTION_KEYS")]
    public string? Keys { get; set; }
}

/// <summary>One place that reads MINDGUARD_ENCRYPTION_KEYS, for both validation and the key ring.</summary>
public static class EncryptionKeyParser
{
    public const string Variable = "MINDGUARD_ENCRYPTION_KEYS";
    public const int KeyBytes = 32;

    /// <summary>Parsed keys in order (first encrypts), or the problems found; never echoes key material.</summary>
    public static (IReadOnlyList<(byte Id, byte[] Key)> Keys, IReadOnlyList<string> Errors) Parse(string? value)
    {
        var keys = new List<(byte, byte[])>();
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{Variable} is required: generate a key with `head -c 32 /dev/urandom | base64` and set {Variable}=1:<that>");
            return (keys, errors);
        }

        var entries = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            var n = i + 1;
            var parts = entries[i].Split(':', 2);
            if (parts.Length != 2)
            {
                errors.Add($"{Variable}: entry {n} is not 'id:base64key'");
                continue;
            }
            if (!int.TryParse(parts[0], out var id) || id is < 1 or > 255)
            {
                errors.Add($"{Variable}: entry {n} has key id '{parts[0]}', which must be a number from 1 to 255");
                continue;
            }
            byte[] key;
            try
            {
                key = Convert.FromBase64String(parts[1]);
            }
            catch (FormatException)
            {
                errors.Add($"{Variable}: key {id} is not valid base64");
                continue;
            }
            if (key.Length != KeyBytes)
            {
                errors.Add($"{Variable}: key {id} must be {KeyBytes} bytes (got {key.Length})");
                continue;
            }
            if (keys.Any(k => k.Item1 == id))
            {
                errors.Add($"{Variable}: key id {id} appears twice");
                continue;
            }
            keys.Add(((byte)id, key));
        }
        return (keys, errors);
    }
}

public sealed class EncryptionOptionsValidator : IValidateOptions<EncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, EncryptionOptions options)
    {
        var (_, errors) = EncryptionKeyParser.Parse(options.Keys);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
