using Mindguard.Features.Checkin;
using Mindguard.Features.Checkin.Bank;

namespace Mindguard.Tests.Features.Checkin;

public sealed class DailySetTests
{
    private static readonly QuestionBank Bank = QuestionBank.Instance;
    private static readonly DateOnly Start = new(2026, 1, 1);

    [Fact]
    public void A_daily_check_in_is_five_different_questions_starting_with_mood()
    {
        var set = DailySet.For(Guid.NewGuid(), Start, "daily", Bank);

        set.Count.ShouldBe(5);
        set[0].Metric.ShouldBe("mood");
        set.Count(q => q.Metric == "mood").ShouldBe(1);
        set.Select(q => q.Id).Distinct().Count().ShouldBe(5);
        set.ShouldAllBe(q => q.Daily);
    }

    [Fact]
    public void The_set_is_the_same_for_the_same_person_and_date_and_differs_between_days_and_people()
    {
        var person = Guid.NewGuid();

        DailySet.For(person, Start, "daily", Bank).ShouldBe(DailySet.For(person, Start, "daily", Bank));
        DailySet.For(person, Start, "daily", Bank).ShouldNotBe(DailySet.For(person, Start.AddDays(1), "daily", Bank));
        var people = Enumerable.Range(0, 10).Select(_ => string.Join(",", DailySet.For(Guid.NewGuid(), Start, "daily", Bank).Skip(1).Select(q => q.Id)));
        people.Distinct().Count().ShouldBeGreaterThan(1);
    }

    [Fact]
    public void Over_simulated_months_every_item_is_asked_within_every_14_days()
    {
        foreach (var person in Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()))
        {
            var days = Enumerable.Range(0, 200).Select(d => DailySet.For(person, Start.AddDays(d), "daily", Bank).Select(q => q.Id).ToHashSet()).ToList();
            for (var first = 0; first + 14 <= days.Count; first++)
            {
                var asked = days.Skip(first).Take(14).SelectMany(d => d).ToHashSet();
                Bank.Rotation.Where(q => !asked.Contains(q.Id)).Select(q => q.Id).ShouldBeEmpty($"window starting day {first}");
            }
        }
    }

    [Theory]
    [InlineData("daily", 5)]
    [InlineData("every3days", 10)]
    [InlineData("weekly", 12)]
    public void Less_frequent_cadences_ask_more_at_a_time(string cadence, int count)
    {
        var set = DailySet.For(Guid.NewGuid(), Start, cadence, Bank);

        set.Count.ShouldBe(count);
        set.Select(q => q.Id).Distinct().Count().ShouldBe(count);
    }

    [Theory]
    // Rotating questions per check-in: 4, 9, 11; the rotation holds 41, so 14 daily check-ins, 5 every
    // three days (45) and 4 weekly (44) cover it.
    [InlineData("every3days", 3, 5)]
    [InlineData("weekly", 7, 4)]
    public void Less_frequent_cadences_ask_every_item_within_their_window_of_check_ins(string cadence, int interval, int checkins)
    {
        foreach (var person in Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()))
        {
            var sets = Enumerable.Range(0, 40).Select(k => DailySet.For(person, DailySet.Anchor.AddDays(k * interval), cadence, Bank).Skip(1).Select(q => q.Id).ToHashSet()).ToList();
            for (var first = 0; first + checkins <= sets.Count; first++)
            {
                var asked = sets.Skip(first).Take(checkins).SelectMany(s => s).ToHashSet();
                Bank.Rotation.Where(q => !asked.Contains(q.Id)).Select(q => q.Id).ShouldBeEmpty($"{checkins} check-ins from the {first}th");
            }
        }
    }

    [Theory]
    [InlineData("every3days", 3)]
    [InlineData("weekly", 7)]
    public void Every_day_of_a_cadences_interval_gives_that_check_ins_questions(string cadence, int interval)
    {
        var person = Guid.NewGuid();
        var first = DailySet.Anchor.AddDays(5 * interval);
        string Rotating(DateOnly day) => string.Join(",", DailySet.For(person, day, cadence, Bank).Skip(1).Select(q => q.Id));

        for (var d = 1; d < interval; d++) Rotating(first.AddDays(d)).ShouldBe(Rotating(first), $"day {d} of the interval");
        Rotating(first.AddDays(interval)).ShouldNotBe(Rotating(first));
    }

    [Fact]
    public void The_mood_question_goes_round_the_mood_questions_one_a_day()
    {
        var person = Guid.NewGuid();
        var count = Bank.MoodQuestions.Count;

        for (var day = 0; day < 2 * count; day++)
        {
            DailySet.For(person, DailySet.Anchor.AddDays(day), "daily", Bank)[0].ShouldBe(Bank.MoodQuestions[day % count]);
        }
    }
}
