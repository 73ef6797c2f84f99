using System.Security.Cryptography;

namespace Mindguard.Features.Users.Onboarding;

/// <summary>
/// Invite codes people type: 12 characters of Crockford base32 (no I, L, O or U to misread),
/// shown as <c>XXXX-XXXX-XXXX</c>. The first four are a lookup prefix stored in clear; the whole
/// code is stored only as an Argon2id hash.
/// </summary>
public static class InviteCodes
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 12;
    public const int PrefixLength = 4;

    public static string Generate()
    {
        var chars = new char[Length];
        for (var i = 0; i < Length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }

    public static string Format(string code) => $"{code[..4]}-{code[4..8]}-{code[8..]}";

    /// <summary>Upper-cases, drops separators and maps look-alike letters, as Crockford base32 does.</summary>
    public static string Normalise(string input) =>
        new(input.Trim().ToUpperInvariant()
            .Where(c => c is not ('-' or ' ' or '_'))
            .Select(c => c switch { 'O' => '0', 'I' or 'L' => '1', _ => c })
            .ToArray());

    public static bool HasValidShape(string normalised) =>
        normalised.Length == Length && normalised.All(Alphabet.Contains);

    public static string Prefix(string normalised) => normalised[..PrefixLength];
}
