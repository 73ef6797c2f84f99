using System.Security.Cryptography;
using Mindguard.Features.Checkin.Bank;

namespace Mindguard.Features.Checkin;

/// <summary>
/// Which questions someone is asked on a local date: always one mood question first, then a window
/// of a per-person fixed ordering of the rest of the bank. Consecutive days take consecutive windows,
/// so with daily check-ins (4 rotating questions a day, 41 in the rotation) every item comes up
/// within any 14 days. The same person and date always give the same set, on any replica.
/// </summary>
public static class DailySet
{
    /// <summary>A Monday: cadences count days from here (the dispatch job's SQL uses the same date).</summary>
    public static readonly DateOnly Anchor = new(2000, 1, 3);

    public static int QuestionCount(string cadence) => cadence switch
    {
        "every3days" => 10,
        "weekly" => 12,
        _ => 5,
    };

    public static IReadOnlyList<Question> For(Guid userId, DateOnly localDate, string cadence, QuestionBank bank)
    {
        var rotating = QuestionCount(cadence) - 1;
        var order = PersonalOrder(userId, bank.Rotation);
        var day = localDate.DayNumber - Anchor.DayNumber;
        // Less frequent cadences step one window per check-in, not per calendar day.
        var checkinIndex = cadence switch { "every3days" => day / 3, "weekly" => day / 7, _ => day };
        var start = (int)((long)checkinIndex * rotating % order.Count);

        var set = new List<Question>(rotating + 1) { bank.MoodQuestions[day % bank.MoodQuestions.Count] };
        for (var i = 0; i < rotating && i < order.Count; i++) set.Add(order[(start + i) % order.Count]);
        return set;
    }

    // Seeded from the person's id so people are not all asked the same questions on the same day.
    private static IReadOnlyList<Question> PersonalOrder(Guid userId, IReadOnlyList<Question> rotation)
    {
        var seed = BitConverter.ToInt32(SHA256.HashData(userId.ToByteArray()), 0);
        var order = rotation.ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }
}
