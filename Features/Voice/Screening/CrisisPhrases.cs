using System.Text.RegularExpressions;

namespace Mindguard.Features.Voice.Screening;

/// <summary>
/// The screening that needs no server: phrases that speak of self-harm or not wanting to live, in
/// Ukrainian, English and (because many people in Ukraine speak it) Russian. It runs when the language
/// model is unavailable, refuses or answers nonsense, and beside the model's own flag, so screening
/// fails safe. A match only opens the crisis path for the person (resources, an offer to talk);
/// nobody else is told, so a false match costs a kind message, a missed one could cost far more.
/// </summary>
public static partial class CrisisPhrases
{
    // Lower case, one space between words, one kind of apostrophe. Stems where endings vary.
    private static readonly string[] Phrases =
    [
        // uk
        "покінчити з собою", "накласти на себе руки", "наклав на себе руки", "наклала на себе руки",
        "не хочу жити", "не хочеться жити", "не хочу більше жити", "хочу померти", "краще б мене не було",
        "немає сенсу жити", "нема сенсу жити", "не бачу сенсу жити", "не бачу сенсу далі", "вбити себе", "убити себе",
        "заподіяти собі шкоду", "зашкодити собі", "порізати себе", "самогубств", "суїцид",
        // ru
        "покончить с собой", "не хочу жить", "не хочется жить", "хочу умереть", "убить себя", "самоубийств", "суицид",
        // en
        "kill myself", "killing myself", "end my life", "ending my life", "take my own life", "suicid",
        "want to die", "wanna die", "don't want to live", "do not want to live", "don't want to be alive",
        "better off dead", "no reason to live", "no point in living", "hurt myself", "harm myself", "self-harm", "self harm",
    ];

    public static bool Match(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return false;
        var normal = Spaces().Replace(text.ToLowerInvariant().Replace('’', '\'').Replace('ʼ', '\'').Replace('`', '\''), " ");
        return Phrases.Any(normal.Contains);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
