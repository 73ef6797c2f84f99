using Mindguard.Features.Wall;
using Mindguard.Features.Wall.Posts;
using Mindguard.Infrastructure.Localization;

namespace Mindguard.Tests.Features.Wall;

public sealed class WallOptionsTests
{
    [Fact]
    public void The_defaults_release_posts_between_one_and_six_hours_and_allow_three_a_day()
    {
        var options = new WallOptions();

        (options.ReleaseMinMinutes, options.ReleaseMaxMinutes, options.PostsPerDay).ShouldBe((60, 360, 3));
        new WallOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData(120, 60, 3, 15, "WALL_RELEASE_MAX_MINUTES")]
    [InlineData(-1, 60, 3, 15, "WALL_RELEASE_MIN_MINUTES")]
    [InlineData(60, 360, 0, 15, "WALL_POSTS_PER_DAY")]
    [InlineData(60, 360, 3, 0, "WALL_DRAFT_MINUTES")]
    public void Bad_settings_are_refused_naming_the_variable(int min, int max, int perDay, int draft, string variable)
    {
        var result = new WallOptionsValidator().Validate(null, new WallOptions
        {
            ReleaseMinMinutes = min, ReleaseMaxMinutes = max, PostsPerDay = perDay, DraftMinutes = draft,
        });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain(variable);
    }

    [Fact]
    public void Every_category_has_a_label_in_ukrainian_and_english()
    {
        foreach (var category in WallCategories.All)
        foreach (var language in Catalogue.Languages)
            Catalogue.Instance.Has(WallCategories.LabelKey(category), language).ShouldBeTrue($"{category} has no {language} label");
    }
}
