using System.Text.RegularExpressions;
using Mindguard.Features.Checkin.Bank;
using Mindguard.Infrastructure.Localization;

namespace Mindguard.Tests.Infrastructure.Localization;

/// <summary>
/// Issue 17's native pass kept: everything a person reads in Ukrainian (the catalogue, the question bank
/// and its answer labels) speaks to them, and of the bot, without masculine-only forms; the same things are
/// called by the same words; help lines come only from the resources list; and no message to a person
/// hides in code outside the catalogue.
/// </summary>
public sealed partial class WordingTests
{
    /// <summary>
    /// Forms that agree with one gender when they describe the person or the bot, each one we replaced
    /// (nouns or impersonal forms instead: «Почнемо?», «Записано», «Не вдалося зрозуміти»).
    /// </summary>
    private static readonly string[] MasculineOnly =
    [
        "готовий", "готова", "готові", "зареєстрований", "зареєстрована", "зареєстровані", "підписаний", "підписана", "підписані",
        "впевнений", "впевнена", "впевнені", "радий", "змогли б ви", "ви змогли", "ви самі", "ви не самі", "є учасником",
        "зрозумів", "почув", "розчув", "врахував", "записав",
        "свіжим", "відпочилим", "виснаженим", "знесиленим", "слабким", "вразливим", "вичавленим",
    ];

    /// <summary>Wordings the issue named as translated or inconsistent, with the term we use instead.</summary>
    private static readonly (string Pattern, string Instead)[] UkrainianMisfits =
    [
        (@"голосов\w*\s+(нотат|запис)\w*", "голосове повідомлення"),
        (@"\bвойс", "голосове повідомлення"),
        (@"чек-ін", "опитування"),
        (@"тиждень від", "тиждень з … / «1–7 грудня 2026»"),
        (@"копі\w+ в резервних копіях", "у резервних копіях"),
        (@"коли вас досить", "коли людей достатньо"),
        (@"на зв['’]язку", "«Я зв’яжуся» / «ви зв’яжетеся з людиною»"),
        (@"^(помірно|високо|дуже низько)\b", "«помірний рівень», «високий рівень»"),
        (@"\bПитання \{0\}", "«Запитання {0} з {1}»"),
        (@"'", "’ (the Ukrainian apostrophe)"),
    ];

    private static readonly (string Pattern, string Instead)[] EnglishMisfits =
    [
        (@"voice notes?\b", "voice message"),
        (@"marked as you", "noted that you will reach out"),
        (@"know \(", "let your care contacts ({0}) know"),
        (@"’", "' (one apostrophe in English)"),
    ];

    /// <summary>The bot speaking of itself in the past tense: «я (не, вже…) зрозумів».</summary>
    [GeneratedRegex(@"\bя(\s+(не|вже|ще|це|його|її|вас|вам))*\s+[а-яіїєґ’]+(в|вся|ла|лася)(?![\w’'])", RegexOptions.IgnoreCase)]
    private static partial Regex BotPastTense();

    public static IEnumerable<(string Where, string Text)> Ukrainian() =>
        Catalogue.Instance.Keys.Select(k => ($"catalogue {k}", Catalogue.Instance.Get(k, "uk")))
            .Concat(QuestionBank.Instance.All.Select(q => ($"question {q.Id}", q.TextIn("uk"))))
            .Concat(QuestionBank.Instance.All.SelectMany(q => q.Options).Select(o => ($"answer label {o.Value}", o.Label["uk"])).Distinct());

    [Fact]
    public void No_ukrainian_text_speaks_in_masculine_only_forms()
    {
        var found = new List<string>();
        foreach (var (where, text) in Ukrainian())
        {
            foreach (var form in MasculineOnly)
                if (Regex.IsMatch(text, $@"(?<![\w’']){Regex.Escape(form)}(?![\w’'])", RegexOptions.IgnoreCase)) found.Add($"{where}: «{form}»");
            if (BotPastTense().Match(text) is { Success: true } m) found.Add($"{where}: «{m.Value}»");
        }
        found.ShouldBeEmpty();
    }

    [Fact]
    public void The_same_things_are_called_by_the_same_words_in_both_languages()
    {
        var found = new List<string>();
        foreach (var (where, text) in Ukrainian())
            foreach (var (pattern, instead) in UkrainianMisfits)
                if (Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase | RegexOptions.Multiline)) found.Add($"{where}: /{pattern}/ → {instead}");
        foreach (var key in Catalogue.Instance.Keys)
            foreach (var (pattern, instead) in EnglishMisfits)
                if (Regex.IsMatch(Catalogue.Instance.Get(key, "en"), pattern, RegexOptions.IgnoreCase)) found.Add($"catalogue {key} (en): /{pattern}/ → {instead}");
        found.ShouldBeEmpty();
    }

    /// <summary>
    /// Help lines live in the resources list only (an organisation replaces them with its own); the catalogue
    /// test checks its messages, this one the code and the question bank.
    /// </summary>
    [Fact]
    public void No_code_or_question_hard_codes_a_help_line()
    {
        var found = SourceFiles("*.cs").Concat(SourceFiles("*.json").Where(f => !f.EndsWith("catalogue.json", StringComparison.Ordinal)))
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => Regex.IsMatch(x.line, @"(?<!\d)(7333|112)(?!\d)"))
            .Select(x => $"{Path.GetRelativePath(Root, x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        found.ShouldBeEmpty();
    }

    /// <summary>
    /// Files whose Cyrillic literals are not messages to a person, each with its reason. Everything else a
    /// person reads is in the catalogue (reviewed in one place, in both languages) or the question bank.
    /// </summary>
    private static readonly Dictionary<string, string> CyrillicAllowed = new()
    {
        ["Features/Voice/Screening/CrisisPhrases.cs"] = "phrases the screening looks for in what people write, not words we send",
        ["Features/Demo/DemoSeeder.cs"] = "the demo organisation's team and people names, data rather than messages",
        ["Features/Alerts/Api/PatchSafetySettingsEndpoint.cs"] = "an OpenAPI example of an organisation's own resources text",
    };

    [Fact]
    public void No_message_to_a_person_is_written_in_code_outside_the_catalogue()
    {
        var found = SourceFiles("*.cs")
            .Select(file => (Relative: Path.GetRelativePath(Root, file).Replace('\\', '/'), file))
            .Where(f => f.Relative.StartsWith("Features/", StringComparison.Ordinal) || f.Relative.StartsWith("Infrastructure/", StringComparison.Ordinal))
            .Where(f => !CyrillicAllowed.ContainsKey(f.Relative))
            // Comments (XML docs with examples) are for readers of the code.
            .SelectMany(f => File.ReadLines(f.file).Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal))
                .SelectMany(line => CyrillicLiteral().Matches(line)).Select(m => $"{f.Relative}: {m.Value}"))
            // A language's own name on the language buttons reads the same in every language.
            .Where(hit => !hit.EndsWith("\"Українська\"", StringComparison.Ordinal))
            .ToList();
        found.ShouldBeEmpty();
        CyrillicAllowed.Keys.ShouldAllBe(relative => File.Exists(Path.Combine(Root, relative)), "an allowed file no longer exists: drop it from the list");
    }

    [GeneratedRegex(@"""[^""\n]*[\u0400-\u04FF][^""\n]*""")]
    private static partial Regex CyrillicLiteral();

    private static readonly string Root = FindRoot();

    private static IEnumerable<string> SourceFiles(string pattern) =>
        new[] { "Features", "Infrastructure" }.SelectMany(dir => Directory.EnumerateFiles(Path.Combine(Root, dir), pattern, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"));

    /// <summary>The repository, found upwards from the test binaries (the checks read the app's sources).</summary>
    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Mindguard.csproj"))) return dir.FullName;
        throw new InvalidOperationException("Mindguard.csproj not found above " + AppContext.BaseDirectory);
    }
}
