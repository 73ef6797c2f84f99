using System.Text.Json;
using Mindguard.Infrastructure.Localization;

namespace Mindguard.Features.Checkin.Bank;

public sealed record ScaleOption(int Value, IReadOnlyDictionary<string, string> Label);

/// <summary>Where an item's wording comes from and on what terms we may use it.</summary>
/// <param name="UkTranslation">Who made the Ukrainian wording: ours unless a published version was found.</param>
/// <param name="Attribution">Catalogue key of the notice the instrument's terms ask us to show (WHO-5 only):
/// the catalogue holds it so /status, which cannot read the bank, shows the same words.</param>
public sealed record ItemSource(string Source, string Licence, string UkTranslation, string? Attribution);

/// <summary>A question of the bank. Its id is stable forever: answers refer to it, never to a position.</summary>
/// <param name="Metric">who5, phq9, gad7, burnout, stress, sleep_hours, sleep_quality, wlb or mood.</param>
/// <param name="Item">The instrument item number, when the question is one.</param>
/// <param name="Reverse">Worded the other way round from its instrument: scored as (min + max − answer).</param>
/// <param name="Daily">False only for questions asked outside the daily rotation (PHQ-9 item 9).</param>
public sealed record Question(string Id, string Metric, int? Item, string Scale, bool Reverse, bool Daily, IReadOnlyDictionary<string, string> Text)
{
    public IReadOnlyList<ScaleOption> Options { get; init; } = [];

    /// <summary>The key of the item's entry in the bank's <c>sources</c>.</summary>
    public string Source { get; init; } = "";

    public ItemSource Origin { get; init; } = null!;

    public bool Accepts(int value) => Options.Any(o => o.Value == value);

    /// <summary>The value in the instrument's own direction.</summary>
    public int Score(int answer) => Reverse ? Options.Min(o => o.Value) + Options.Max(o => o.Value) - answer : answer;

    public string TextIn(string language) => Text.TryGetValue(language, out var text) ? text : Text["uk"];
}

/// <summary>
/// The versioned question bank (<c>questions.v1.json</c>, embedded): at least 32 questions in Ukrainian
/// and English, each tagged with the metric it feeds, its instrument item and its scale.
/// </summary>
public sealed class QuestionBank
{
    public const string Mood = "mood";

    private readonly Dictionary<string, Question> _byId;

    private QuestionBank(int version, IReadOnlyList<Question> questions)
    {
        Version = version;
        All = questions;
        _byId = questions.ToDictionary(q => q.Id);
        Rotation = questions.Where(q => q.Daily && q.Metric != Mood).ToList();
        MoodQuestions = questions.Where(q => q.Daily && q.Metric == Mood).ToList();
    }

    public static QuestionBank Instance { get; } = Load();

    public int Version { get; }
    public IReadOnlyList<Question> All { get; }

    /// <summary>Daily questions other than mood, in the bank's order: the rotation draws from these.</summary>
    public IReadOnlyList<Question> Rotation { get; }
    public IReadOnlyList<Question> MoodQuestions { get; }

    public Question? Find(string id) => _byId.GetValueOrDefault(id);

    public Question this[string id] => _byId[id];

    private static QuestionBank Load()
    {
        using var stream = typeof(QuestionBank).Assembly.GetManifestResourceStream($"{typeof(QuestionBank).Namespace}.questions.v1.json")
            ?? throw new InvalidOperationException("questions.v1.json is not embedded");
        var file = JsonSerializer.Deserialize<BankFile>(stream, JsonSerializerOptions.Web)!;
        var questions = file.Questions
            .Select(q => q with
            {
                Options = file.Scales[q.Scale].Select(o => new ScaleOption(o.Value, o.Label)).ToList(),
                Origin = file.Sources.TryGetValue(q.Source, out var origin) ? origin
                    : throw new InvalidOperationException($"question {q.Id} names no known source"),
            })
            .ToList();
        return new QuestionBank(file.Version, questions);
    }

    /// <summary>
    /// The notices the instruments' terms ask for (WHO-5: "the source must be mentioned"), in one language,
    /// for every place that shows results from them: /status, GET /api/questions, README.
    /// </summary>
    public IReadOnlyList<string> Attributions(string language) =>
        All.Select(q => q.Origin.Attribution).OfType<string>().Distinct().Select(key => Catalogue.Instance.Get(key, language)).ToList();

    private sealed record BankFile(int Version, Dictionary<string, ItemSource> Sources, Dictionary<string, List<OptionFile>> Scales, List<Question> Questions);

    private sealed record OptionFile(int Value, Dictionary<string, string> Label);
}
