using Mindguard.Features.Voice;
using Mindguard.Infrastructure.Localization;

namespace Mindguard.Tests.Features.Voice;

public sealed class VoiceReplyTextTests
{
    [Fact]
    public void A_transcript_too_long_for_one_message_is_sent_in_whole_words_then_the_reply()
    {
        var words = string.Join(' ', Enumerable.Range(0, 1500).Select(i => $"слово{i}"));
        string T(string key, object[] args) => Catalogue.Instance.Get(key, "uk", args);

        var texts = VoiceNoteFlow.ReplyTexts(words, "Дякую.", T).ToList();

        texts.Count.ShouldBeGreaterThan(2);
        texts.ShouldAllBe(t => t.Length <= VoiceNoteFlow.MessageLimit);
        texts[^1].ShouldBe("Дякую.");
        var parts = texts[..^1].Select(t => t[(t.IndexOf('\n') + 1)..]);
        string.Join(' ', parts).ShouldBe(words);
        texts[0].ShouldStartWith($"Ось що вдалося розчути (1/{texts.Count - 1}):");
    }

    [Fact]
    public void A_short_transcript_and_its_reply_are_one_message()
    {
        string T(string key, object[] args) => Catalogue.Instance.Get(key, "en", args);

        VoiceNoteFlow.ReplyTexts("A calm day.", "Glad to hear it.", T).ShouldBe(["Here is what I heard:\n“A calm day.”\n\nGlad to hear it."]);
    }
}
