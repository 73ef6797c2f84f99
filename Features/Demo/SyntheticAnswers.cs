using Mindguard.Features.Checkin;
using Mindguard.Features.Checkin.Bank;

namespace Mindguard.Features.Demo;

/// <summary>
/// How a made-up person feels over time: a baseline between 0 (struggling) and 1 (thriving), a drift
/// per day (negative for someone who is deteriorating), day-to-day noise and how often they answer.
/// </summary>
public sealed record SyntheticProfile(double Baseline, double DriftPerDay, double Noise, double Participation);

/// <summary>One generated answer, already scored like a real one.</summary>
public sealed record SyntheticAnswer(Guid UserId, DateOnly Date, Question Question, int Value)
{
    public int Score => Question.Score(Value);
}

/// <summary>
/// Realistic, seeded answers for demos and benchmarks: people answer their real daily set, and their
/// answers follow their wellbeing (symptom scales the other way round), so charts, estimates, alerts
/// and aggregates behave as they would with real data. Nothing here is about a real person.
/// </summary>
public static class SyntheticAnswers
{
    private static readonly HashSet<string> HigherIsWorse = ["phq9", "gad7", "stress", "burnout"];

    public static SyntheticProfile RandomProfile(Random random, bool deteriorating = false) => deteriorating
        ? new SyntheticProfile(0.55 + random.NextDouble() * 0.15, -0.012 - random.NextDouble() * 0.006, 0.08, 0.9)
        : new SyntheticProfile(0.45 + random.NextDouble() * 0.45, (random.NextDouble() - 0.5) * 0.002, 0.1, 0.6 + random.NextDouble() * 0.35);

    public static IEnumerable<SyntheticAnswer> Generate(Guid userId, DateOnly lastDay, int days, SyntheticProfile profile, Random random)
    {
        for (var d = days - 1; d >= 0; d--)
        {
            if (random.NextDouble() > profile.Participation) continue;
            var date = lastDay.AddDays(-d);
            var wellbeing = Math.Clamp(profile.Baseline + profile.DriftPerDay * (days - 1 - d) + Gaussian(random) * profile.Noise, 0, 1);
            foreach (var question in DailySet.For(userId, date, "daily", QuestionBank.Instance))
            {
                yield return new SyntheticAnswer(userId, date, question, Pick(question, wellbeing, random));
            }
        }
    }

    /// <summary>The option whose score lies nearest to where this person's wellbeing puts them on the scale.</summary>
    private static int Pick(Question question, double wellbeing, Random random)
    {
        var scores = question.Options.Select(o => question.Score(o.Value)).ToList();
        var (min, max) = (scores.Min(), scores.Max());
        var position = HigherIsWorse.Contains(question.Metric) ? 1 - wellbeing : wellbeing;
        var target = min + Math.Clamp(position + Gaussian(random) * 0.1, 0, 1) * (max - min);
        return question.Options.MinBy(o => Math.Abs(question.Score(o.Value) - target))!.Value;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
