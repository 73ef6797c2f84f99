using Mindguard.Features.Checkin;
using Mindguard.Features.Checkin.Bank;

namespace Mindguard.Features.Demo;

/// <summary>
/// How a made-up person feels over time, as a distress level z on the population's standard scale
/// (0 = the median person, 2 = worse than about 98 % of people): their usual level, a drift per day
/// (positive for someone who is deteriorating), day-to-day noise and how often they answer.
/// </summary>
public sealed record SyntheticProfile(double Baseline, double DriftPerDay, double Noise, double Participation);

/// <summary>One generated answer, already scored like a real one.</summary>
public sealed record SyntheticAnswer(Guid UserId, DateOnly Date, Question Question, int Value)
{
    public int Score => Question.Score(Value);
}

/// <summary>
/// Realistic, seeded answers for demos and benchmarks. Each person's distress level is turned into an
/// expected score per instrument through that instrument's distribution in the general population, so a
/// demo team looks like a real one: most people minimal or mild, moderate now and then, severe rare, and
/// the deteriorating few stand out. Nothing here is about a real person.
///
/// Population figures used (general adult population samples):
/// <list type="bullet">
/// <item>PHQ-9: mean 2.91, SD 3.52 (Kocalevent, Hinz &amp; Brähler 2013, Gen Hosp Psychiatry 35:551–555; n = 5,018).</item>
/// <item>GAD-7: mean 2.95, SD 3.41 (Löwe et al. 2008, Med Care 46:266–274; n = 5,030).</item>
/// <item>WHO-5: mean about 70 of 100, SD about 18 (Topp et al. 2015, Psychother Psychosom 84:167–176, general-population studies reviewed there).</item>
/// <item>CBI personal burnout: mean 35.9, SD 16.5 (Kristensen et al. 2005, Work &amp; Stress 19:192–207; PUMA study).</item>
/// <item>Stress: our own items, modelled on perceived-stress norms, mean 13 of 40, SD 6 (Cohen &amp; Williamson 1988).</item>
/// </list>
/// PHQ-9 and GAD-7 are right-skewed, so they are drawn as log-normal with that mean and SD (which puts
/// PHQ-9 ≥ 15 at about 1.5 % of people); the others as normal, clamped to their range.
/// </summary>
public static class SyntheticAnswers
{
    private sealed record Norm(double Mean, double Sd, bool Skewed, bool HigherIsWorse, int Items, double ItemMax, double Max);

    private static readonly Dictionary<string, Norm> Norms = new()
    {
        ["phq9"] = new(2.91, 3.52, Skewed: true, HigherIsWorse: true, Items: 9, ItemMax: 3, Max: 27),
        ["gad7"] = new(2.95, 3.41, Skewed: true, HigherIsWorse: true, Items: 7, ItemMax: 3, Max: 21),
        ["who5"] = new(70, 18, Skewed: false, HigherIsWorse: false, Items: 5, ItemMax: 5, Max: 100),
        ["burnout"] = new(35.9, 16.5, Skewed: false, HigherIsWorse: true, Items: 1, ItemMax: 100, Max: 100),
        ["stress"] = new(13, 6, Skewed: false, HigherIsWorse: true, Items: 10, ItemMax: 4, Max: 40),
    };

    /// <summary>
    /// Someone from the general population, or someone deteriorating: a start a little better than the
    /// median that climbs by about 3 standard deviations over the 60 demo days, into moderate symptoms
    /// and low wellbeing. They answer every day, so the decline shows in their two-week estimates
    /// rather than drowning in sampling noise (at 1.8 SD, one seed and date in 20 showed no clear drop).
    /// </summary>
    public static SyntheticProfile RandomProfile(Random random, bool deteriorating = false) => deteriorating
        ? new SyntheticProfile(Math.Min(-0.3, Gaussian(random) * 0.2 - 0.5), 0.05, 0.2, 1)
        : new SyntheticProfile(UsualLevel(random), (random.NextDouble() - 0.5) * 0.004, 0.3, 0.6 + random.NextDouble() * 0.35);

    /// <summary>
    /// A usual distress level from the population, without its top few per cent: at z above 1.5 (PHQ-9
    /// around 8 before a day's noise) sparse two-week estimates reach the severe band now and then, and a
    /// team of 15 with two people there would not be a fair picture of a working team.
    /// </summary>
    private static double UsualLevel(Random random)
    {
        double z;
        do z = Gaussian(random); while (z > MaxUsualLevel);
        return z;
    }

    private const double MaxUsualLevel = 1.5;

    public static IEnumerable<SyntheticAnswer> Generate(Guid userId, DateOnly lastDay, int days, SyntheticProfile profile, Random random)
    {
        for (var d = days - 1; d >= 0; d--)
        {
            if (random.NextDouble() > profile.Participation) continue;
            var date = lastDay.AddDays(-d);
            var distress = profile.Baseline + profile.DriftPerDay * (days - 1 - d) + Gaussian(random) * profile.Noise;
            foreach (var question in DailySet.For(userId, date, "daily", QuestionBank.Instance))
            {
                yield return new SyntheticAnswer(userId, date, question, Pick(question, distress, random));
            }
        }
    }

    /// <summary>Expected instrument total for a distress level, from the population distribution.</summary>
    public static double ExpectedScore(string metric, double distress)
    {
        var norm = Norms[metric];
        var z = norm.HigherIsWorse ? distress : -distress;
        double value;
        if (norm.Skewed)
        {
            // Log-normal with the population's mean and SD.
            var sigma2 = Math.Log(1 + norm.Sd * norm.Sd / (norm.Mean * norm.Mean));
            value = Math.Exp(Math.Log(norm.Mean) - sigma2 / 2 + Math.Sqrt(sigma2) * z);
        }
        else
        {
            value = norm.Mean + norm.Sd * z;
        }
        return Math.Clamp(value, 0, norm.Max);
    }

    private static int Pick(Question question, double distress, Random random)
    {
        var scores = question.Options.Select(o => question.Score(o.Value)).Distinct().Order().ToList();
        double target;
        if (Norms.TryGetValue(question.Metric, out var norm))
        {
            // The expected item score in the instrument's direction: the total spread over its items.
            var total = ExpectedScore(question.Metric, distress + Gaussian(random) * 0.3);
            target = question.Metric switch
            {
                "who5" => total / 4 / norm.Items,
                "burnout" => total,
                _ => total / norm.Items,
            };
        }
        else
        {
            // Sleep, work–life balance and mood: better with lower distress, spread over their own scale.
            var wellbeing = 1 - NormalCdf(distress + Gaussian(random) * 0.4);
            target = scores[0] + wellbeing * (scores[^1] - scores[0]);
        }
        var score = RoundBetween(scores, target, random);
        return question.Options.First(o => question.Score(o.Value) == score).Value;
    }

    /// <summary>
    /// One of the two scores around the target, the nearer one more often, so that the average of many
    /// answers is the target itself (plain rounding would push a mean of 0.3 to 0).
    /// </summary>
    private static int RoundBetween(IReadOnlyList<int> scores, double target, Random random)
    {
        if (target <= scores[0]) return scores[0];
        if (target >= scores[^1]) return scores[^1];
        var upper = 1;
        while (scores[upper] < target) upper++;
        var (low, high) = (scores[upper - 1], scores[upper]);
        return random.NextDouble() < (target - low) / (high - low) ? high : low;
    }

    private static double NormalCdf(double z) => 0.5 * (1 + Erf(z / Math.Sqrt(2)));

    // Abramowitz & Stegun 7.1.26: enough for a demo's spread.
    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + 0.3275911 * x);
        var y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496735) * t + 0.254829592) * t * Math.Exp(-x * x);
        return sign * y;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
