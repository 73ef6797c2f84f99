using System.Reflection;
using Mindguard.Infrastructure.Localization;

namespace Mindguard.Tests.Infrastructure.Localization;

public sealed class CatalogueTests
{
    public static TheoryData<string> Keys()
    {
        var data = new TheoryData<string>();
        foreach (var key in Catalogue.Instance.Keys) data.Add(key);
        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_message_exists_in_ukrainian_and_english(string key)
    {
        foreach (var language in Catalogue.Languages) Catalogue.Instance.Has(key, language).ShouldBeTrue($"{key} has no {language} text");
    }

    [Fact]
    public void Every_key_the_code_uses_is_in_the_catalogue()
    {
        var used = typeof(Msg).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);

        used.ShouldAllBe(key => Catalogue.Instance.Keys.Contains(key));
    }

    [Theory]
    [InlineData(null, "uk")]
    [InlineData("uk", "uk")]
    [InlineData("ru", "uk")]
    [InlineData("en", "en")]
    [InlineData("en-GB", "en")]
    public void Ukrainian_is_the_default_language(string? telegramLanguage, string expected)
    {
        Catalogue.Normalise(telegramLanguage).ShouldBe(expected);
    }
}
