using System.Globalization;
using System.Security.Cryptography;

namespace Mindguard.Infrastructure.Security;

/// <summary>One master key from <c>MINDGUARD_ENCRYPTION_KEYS</c>.</summary>
internal sealed record MasterKey(byte Id, byte[] Key);

/// <summary>
/// The single reader of <c>MINDGUARD_ENCRYPTION_KEYS</c>, shared by the validator and the key ring
/// so that what passes validation is exactly what the ring loads.
/// </summary>
internal static class EncryptionKeyParser
{
    public const string VariableName = "MINDGUARD_ENCRYPTION_KEYS";

    private const string Missing =
        $"{VariableName} is required: generate one with `head -c 32 /dev/urandom | base64` and set {VariableName}=1:<that>.";

    // Messages name positions and ids only: the value is a secret, so no part of it is ever echoed.
    public static IReadOnlyList<MasterKey> Parse(string? value, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var keys = new List<MasterKey>();
        errors = problems;
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(Missing);
            return keys;
        }

        var entries = value.Split(',');
        for (var i = 0; i < entries.Length; i++)
        {
            var key = ParseEntry(i + 1, entries[i].Trim(), problems);
            if (key is null)
                continue;
            if (keys.Any(k => k.Id == key.Id))
                problems.Add($"{VariableName}: key id {key.Id} appears more than once; each id must be unique.");
            else
                keys.Add(key);
        }

        if (problems.Count > 0)
        {
            foreach (var k in keys)
                CryptographicOperations.ZeroMemory(k.Key);
            keys.Clear();
        }
        return keys;
    }

    private static MasterKey? ParseEntry(int position, string entry, List<string> problems)
    {
        if (entry.Length == 0)
        {
            problems.Add($"{VariableName}: entry {position} is empty; remove the stray comma.");
            return null;
        }

        var colon = entry.IndexOf(':');
        if (colon <= 0 || colon == entry.Length - 1)
        {
            problems.Add($"{VariableName}: entry {position} is not 'id:base64key' (expected e.g. 1:<32 bytes in base64>).");
            return null;
        }

        // A number of at most three digits cannot be key material, so it is safe to show.
        var idText = entry[..colon].Trim();
        if (idText.Length > 3 || !int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            problems.Add($"{VariableName}: entry {position} has an id that is not a whole number from 1 to 255.");
            return null;
        }
        if (id is < 1 or > 255)
        {
            problems.Add($"{VariableName}: entry {position} has key id {id}, outside 1..255.");
            return null;
        }

        var keyText = entry[(colon + 1)..].Trim();
        var buffer = new byte[keyText.Length];
        try
        {
            if (!Convert.TryFromBase64String(keyText, buffer, out var length))
            {
                problems.Add($"{VariableName}: key {id} is not valid base64.");
                return null;
            }
            if (length != Envelope.KeySize)
            {
                problems.Add($"{VariableName}: key {id} must be {Envelope.KeySize} bytes (got {length}); generate one with `head -c 32 /dev/urandom | base64`.");
                return null;
            }
            return new MasterKey((byte)id, buffer[..length]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }
}
