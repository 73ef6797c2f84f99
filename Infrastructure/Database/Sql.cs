using System.Collections.Concurrent;

namespace Mindguard.Infrastructure.Database;

/// <summary>
/// Loads the embedded <c>.sql</c> file that sits beside a type. The manifest name is the type's
/// namespace plus the file name, which is why namespaces must mirror folders.
/// </summary>
public static class Sql
{
    private static readonly ConcurrentDictionary<string, string> Cache = new();

    public static string Load<TNeighbour>(string name) => Load(typeof(TNeighbour), name);

    public static string Load(Type neighbour, string name)
    {
        var resource = $"{neighbour.Namespace}.{name}.sql";
        return Cache.GetOrAdd(resource, key =>
        {
            using var stream = neighbour.Assembly.GetManifestResourceStream(key)
                ?? throw new InvalidOperationException($"Embedded SQL '{key}' not found: is {name}.sql in the folder of {neighbour.Name}?");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        });
    }
}
