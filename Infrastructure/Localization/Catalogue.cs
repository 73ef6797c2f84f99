using System.Globalization;
using System.Text.Json;

namespace Mindguard.Infrastructure.Localization;

/// <summary>
/// Every message a person reads, in Ukrainian and English, from one file (<c>catalogue.json</c>) so
/// wording is reviewed in one place. Ukrainian is the default.
/// </summary>
public sealed class Catalogue
{
    public const string Ukrainian = "uk";
    public const string English = "en";
    public static readonly IReadOnlyList<string> Languages = [Ukrainian, English];

    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> _messages;

    private Catalogue(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> messages) => _messages = messages;

    public static Catalogue Instance { get; } = LoadEmbedded();

    public IEnumerable<string> Keys => _messages.Keys;

    public bool Has(string key, string language) =>
        _messages.TryGetValue(key, out var byLanguage) && byLanguage.TryGetValue(language, out var text) && !string.IsNullOrWhiteSpace(text);

    /// <summary>The message in the person's language, with <c>{0}</c>-style arguments filled in.</summary>
    public string Get(string key, string? language, params object[] args)
    {
        if (!_messages.TryGetValue(key, out var byLanguage))
        {
            throw new KeyNotFoundException($"Message '{key}' is not in catalogue.json");
        }
        var lang = Normalise(language);
        var text = byLanguage.TryGetValue(lang, out var found) ? found : byLanguage[Ukrainian];
        return args.Length == 0 ? text : string.Format(CultureInfo.GetCultureInfo(lang), text, args);
    }

    /// <summary>Maps a Telegram <c>language_code</c> or stored preference to a supported language.</summary>
    public static string Normalise(string? language) =>
        language is not null && language.StartsWith(English, StringComparison.OrdinalIgnoreCase) ? English : Ukrainian;

    private static Catalogue LoadEmbedded()
    {
        var assembly = typeof(Catalogue).Assembly;
        using var stream = assembly.GetManifestResourceStream($"{typeof(Catalogue).Namespace}.catalogue.json")
            ?? throw new InvalidOperationException("catalogue.json is not embedded");
        var parsed = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)
            ?? throw new InvalidOperationException("catalogue.json is empty");
        return new Catalogue(parsed.ToDictionary(kv => kv.Key, kv => (IReadOnlyDictionary<string, string>)kv.Value));
    }
}
