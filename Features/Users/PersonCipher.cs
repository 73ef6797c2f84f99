using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users;

/// <summary>
/// Encrypts a person's own words under their own data key (stored wrapped in <c>users.data_key</c>),
/// so deleting that one column value shreds every copy. Used by every feature that keeps free text.
/// </summary>
public sealed class PersonCipher(DataKeys keys)
{
    public DataKey NewKey(Guid userId) => keys.NewDataKey(userId);

    public byte[] Encrypt(Guid userId, byte[] wrappedKey, string text, string associatedData) =>
        DataKeys.EncryptText(keys.Unwrap(userId, wrappedKey), text, associatedData);

    public string Decrypt(Guid userId, byte[] wrappedKey, byte[] value, string associatedData) =>
        DataKeys.DecryptText(keys.Unwrap(userId, wrappedKey), value, associatedData);

    public static string DisplayNameContext(Guid userId) => $"mindguard:user-name:{userId}";

    /// <summary>A check-in note's associated data: written by Checkin, screened by Voice, exported by Users.</summary>
    public static string CheckinNoteContext(Guid userId, DateOnly date) => $"mindguard:checkin-note:{userId}:{date:yyyy-MM-dd}";

    public byte[] EncryptDisplayName(Guid userId, byte[] wrappedKey, string name) =>
        Encrypt(userId, wrappedKey, name, DisplayNameContext(userId));

    /// <summary>The person's name, or null for people seeded without one (or without a key).</summary>
    public string? DecryptDisplayName(Guid userId, byte[]? wrappedKey, byte[]? name) =>
        name is null || wrappedKey is null ? null : Decrypt(userId, wrappedKey, name, DisplayNameContext(userId));
}
