using Mindguard.Features.Voice.Ai;

namespace Mindguard.Tests.Features.Voice;

public sealed class VoiceAnalysisTests
{
    [Fact]
    public void A_well_formed_analysis_is_read_field_by_field()
    {
        var analysis = VoiceAnalysis.Parse("""
            {"mood": 2, "stress": 10, "topics": [" sleep ", "family"], "self_harm_risk": true, "reply": " Дякую, що поділилися. "}
            """);

        analysis.ShouldBe(analysis with { Mood = 2, Stress = 10, SelfHarmRisk = true, Reply = "Дякую, що поділилися." });
        analysis.Topics.ShouldBe(["sleep", "family"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{\"mood\": 0, \"stress\": 0, \"topics\": [], \"self_harm_risk\": false, \"reply\": \"ok\"}")]
    [InlineData("{\"mood\": 1, \"stress\": 11, \"topics\": [], \"self_harm_risk\": false, \"reply\": \"ok\"}")]
    [InlineData("{\"mood\": \"3\", \"stress\": 1, \"topics\": [], \"self_harm_risk\": false, \"reply\": \"ok\"}")]
    [InlineData("{\"mood\": 3, \"stress\": 1, \"topics\": [\"a\",\"b\",\"c\",\"d\",\"e\",\"f\"], \"self_harm_risk\": false, \"reply\": \"ok\"}")]
    [InlineData("{\"mood\": 3, \"stress\": 1, \"topics\": [1], \"self_harm_risk\": false, \"reply\": \"ok\"}")]
    [InlineData("{\"mood\": 3, \"stress\": 1, \"topics\": [], \"self_harm_risk\": null, \"reply\": \"ok\"}")]
    [InlineData("{\"mood\": 3, \"stress\": 1, \"topics\": [], \"self_harm_risk\": false, \"reply\": \"   \"}")]
    [InlineData("{\"mood\": 3, \"stress\": 1, \"topics\": [], \"self_harm_risk\": false, \"reply\": \"ok\"")]
    public void Anything_else_is_refused_as_malformed(string? content)
    {
        Should.Throw<VoiceAiException>(() => VoiceAnalysis.Parse(content)).Failure.ShouldBe(VoiceFailure.MalformedAnalysis);
    }
}
