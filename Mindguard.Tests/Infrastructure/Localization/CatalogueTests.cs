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

    /// <summary>Help lines live in one list (resources_*, replaced by an organisation's own); no message hard-codes one.</summary>
    [Fact]
    public void No_message_hard_codes_a_help_line_outside_the_resources_list()
    {
        var resourceKeys = new[] { Msg.ResourcesCrisis, Msg.ResourcesEmergency, Msg.ResourcesSupport };
        foreach (var key in Catalogue.Instance.Keys.Except(resourceKeys))
            foreach (var language in Catalogue.Languages)
            {
                var text = Catalogue.Instance.Get(key, language);
                foreach (var line in new[] { "7333", "112", "findahelpline", "Лайфлайн", "Lifeline" })
                    text.ShouldNotContain(line, Case.Insensitive, $"{key} ({language}) hard-codes {line}");
            }
        Catalogue.Instance.Get(Msg.ResourcesCrisis, "uk").ShouldContain("7333");
        Catalogue.Instance.Get(Msg.ResourcesEmergency, "uk").ShouldContain("112");
        Catalogue.Instance.Get(Msg.ResourcesCrisis, "en").ShouldContain("findahelpline.com");
        Catalogue.Instance.Get(Msg.ResourcesEmergency, "en").ShouldContain("112");
    }

    [Theory]
    [InlineData(Msg.Help)]
    [InlineData(Msg.Welcome)]
    [InlineData(Msg.CrisisResources)]
    [InlineData(Msg.CrisisTalkSent)]
    [InlineData(Msg.CrisisTalkNobody)]
    [InlineData(Msg.CrisisFollowupClosed)]
    [InlineData(Msg.AlertPersonInformed)]
    [InlineData(Msg.AlertConsentRequest)]
    [InlineData(Msg.ConsentText)]
    [InlineData(Msg.VoiceAnalysisDisabled)]
    public void Every_message_to_a_person_that_mentions_help_takes_it_from_the_list(string key)
    {
        foreach (var language in Catalogue.Languages)
            Catalogue.Instance.Get(key, language).ShouldContain(Mindguard.Features.Users.Resources.SupportResources.CrisisToken);
    }

    [Fact]
    public void The_early_signal_points_to_support_not_to_a_crisis_line()
    {
        foreach (var language in Catalogue.Languages)
        {
            var text = Catalogue.Instance.Get(Msg.EarlySignal, language);
            text.ShouldContain(Mindguard.Features.Users.Resources.SupportResources.SupportToken);
            text.ShouldNotContain(Mindguard.Features.Users.Resources.SupportResources.CrisisToken);
            text.ShouldNotContain(Mindguard.Features.Users.Resources.SupportResources.EmergencyToken);
        }
    }
}
