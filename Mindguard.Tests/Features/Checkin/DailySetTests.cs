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
}
