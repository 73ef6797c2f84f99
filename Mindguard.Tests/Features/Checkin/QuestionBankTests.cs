using Mindguard.Features.Checkin.Bank;

namespace Mindguard.Tests.Features.Checkin;

public sealed class QuestionBankTests
{
    private static QuestionBank Bank => QuestionBank.Instance;

    [Fact]
    public void The_bank_has_at_least_32_questions_with_unique_stable_ids_in_both_languages()
    {
        Bank.All.Count.ShouldBeGreaterThanOrEqualTo(32);
        Bank.All.Select(q => q.Id).Distinct().Count().ShouldBe(Bank.All.Count);
        Bank.All.ShouldAllBe(q => !string.IsNullOrWhiteSpace(q.Text["uk"]) && !string.IsNullOrWhiteSpace(q.Text["en"]));
        Bank.All.SelectMany(q => q.Options).ShouldAllBe(o => o.Label.ContainsKey("uk") && o.Label.ContainsKey("en"));
    }

    [Theory]
    [InlineData("who5", 5)]
    [InlineData("phq9", 8)]
    [InlineData("gad7", 7)]
    [InlineData("stress", 10)]
    public void Every_daily_instrument_item_is_in_the_bank(string metric, int items)
    {
        Bank.All.Where(q => q.Metric == metric && q.Daily).Select(q => q.Item).Order().ShouldBe(Enumerable.Range(1, items).Cast<int?>());
    }

    [Fact]
    public void Phq9_item_9_exists_but_is_never_in_the_daily_rotation()
    {
        Bank["phq9.9"].Daily.ShouldBeFalse();
        Bank.Rotation.ShouldNotContain(q => q.Id == "phq9.9");
    }

    [Theory]
    [InlineData("stress.4", 0, 4)]
    [InlineData("stress.5", 4, 0)]
    [InlineData("stress.1", 3, 3)]
    [InlineData("cbi.8", 100, 0)]
    [InlineData("cbi.8", 25, 75)]
    [InlineData("cbi.1", 25, 25)]
    public void Reverse_worded_items_are_reverse_scored(string id, int answer, int score)
    {
        Bank[id].Score(answer).ShouldBe(score);
    }

    [Fact]
    public void Sleep_is_asked_in_hours_not_as_a_rating()
    {
        Bank["sleep.hours"].Options.Select(o => o.Value).ShouldBe([4, 5, 6, 7, 8, 9]);
        Bank["sleep.hours"].Text["en"].ShouldContain("hours");
    }

    [Fact]
    public void Answers_outside_a_scale_are_not_accepted()
    {
        Bank["who5.1"].Accepts(5).ShouldBeTrue();
        Bank["who5.1"].Accepts(6).ShouldBeFalse();
        Bank["cbi.1"].Accepts(30).ShouldBeFalse();
    }

    [Fact]
    public void Every_item_records_its_source_and_licence_and_who_made_its_ukrainian()
    {
        foreach (var q in Bank.All)
        {
            q.Origin.Source.ShouldNotBeNullOrWhiteSpace(q.Id);
            q.Origin.Licence.ShouldNotBeNullOrWhiteSpace(q.Id);
            q.Origin.UkTranslation.ShouldNotBeNullOrWhiteSpace(q.Id);
        }
        Bank.All.Where(q => q.Metric is "phq9" or "gad7").ShouldAllBe(q => q.Origin.Licence.Contains("Pfizer"));
        Bank["who5.1"].Origin.Source.ShouldContain("Frederiksborg General Hospital");
    }

    [Theory]
    [InlineData("phq9.7", "Trouble concentrating on things, such as reading the newspaper or watching television")]
    [InlineData("phq9.8", "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual")]
    [InlineData("gad7.6", "Becoming easily annoyed or irritable")]
    [InlineData("who5.4", "I woke up feeling fresh and rested")]
    public void Instrument_items_are_worded_as_published_in_english(string id, string published)
    {
        Bank[id].Text["en"].ShouldContain(published);
    }

    [Fact]
    public void Stress_is_our_own_wording_and_names_no_pss()
    {
        var stress = Bank.All.Where(q => q.Metric == "stress").ToList();
        stress.ShouldAllBe(q => q.Id.StartsWith("stress.") && q.Scale != "pss5" && q.Origin.Source.StartsWith("Mindguard"));
        stress.ShouldNotContain(q => q.Text["en"].Contains("upset by something that happened unexpectedly"));
    }
}
