using System.Text;
using System.Text.RegularExpressions;

namespace Mindguard.Infrastructure.Security.KeyRotation;

/// <summary>
/// A column whose values are sealed directly under a master key (<see cref="MasterKeyRing.Encrypt"/>),
/// declared by the code that owns it so that <c>keys rotate</c> re-wraps it and start-up notices values
/// under a key that is no longer configured. A new column sealed with the ring must be declared too.
/// </summary>
/// <param name="Kind">What the values are, as the operator reads it ("data keys").</param>
/// <param name="Table">The table; snake_case identifiers only, because they are placed into SQL.</param>
/// <param name="Id">The primary key column.</param>
/// <param name="Value">The sealed column (bytea, may be null).</param>
/// <param name="Context">The column the associated data is built from, read as text.</param>
/// <param name="AssociatedData">The associated data the value was sealed with, from <paramref name="Context"/>.</param>
/// <param name="BlocksStart">
/// Whether a value under a key that is no longer configured stops start-up. False only for copies whose
/// loss harms nobody (dead letters, kept for diagnosis and deleted after 90 days): they are logged instead.
/// </param>
public sealed partial record SealedColumn(string Kind, string Table, string Id, string Value, string Context,
    Func<string, byte[]> AssociatedData, bool BlocksStart = true)
{
    public string Kind { get; } = Kind;
    public string Table { get; } = Identifier(Table);
    public string Id { get; } = Identifier(Id);
    public string Value { get; } = Identifier(Value);
    public string Context { get; } = Identifier(Context);

    /// <summary>Data keys wrapped for their owner (a person, an organisation) with <see cref="DataKeys"/>.</summary>
    public static SealedColumn WrappedDataKeys(string kind, string table, string ownerId, string value) =>
        new(kind, table, ownerId, value, ownerId, owner => DataKeys.WrapContext(Guid.Parse(owner)));

    /// <summary>Text sealed with <see cref="MasterKeyRing.EncryptText"/> under a context string built from the row.</summary>
    public static SealedColumn Text(string kind, string table, string id, string value, string context, Func<string, string> associatedData, bool blocksStart = true) =>
        new(kind, table, id, value, context, c => Encoding.UTF8.GetBytes(associatedData(c)), blocksStart);

    /// <summary>The SQL <paramref name="template"/> with this column's identifiers in place of {table}, {id}, {value}, {context}.</summary>
    public string Fill(string template) => template
        .Replace("{table}", Table).Replace("{id}", Id).Replace("{value}", Value).Replace("{context}", Context);

    // Identifiers are constants in the owner's code, never input; the check keeps it that way.
    private static string Identifier(string name) => SnakeCase().IsMatch(name)
        ? name
        : throw new ArgumentException($"'{name}' is not a snake_case SQL identifier.", nameof(name));

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex SnakeCase();
}
