using Mindguard.Features.Voice;

namespace Mindguard.Tests.Features.Voice;

public sealed class VoiceOptionsTests
{
    private static readonly VoiceOptionsValidator Validator = new();

    [Fact]
    public void Defaults_name_the_usual_openai_models_and_leave_voice_off_without_a_key()
    {
        var options = new VoiceOptions();

        options.Enabled.ShouldBeFalse();
        options.SttModel.ShouldBe("whisper-1");
        options.LlmModel.ShouldBe("gpt-4o-mini");
        options.ApiEndpoint.ShouldBe(new Uri("https://api.openai.com/v1"));
        Validator.Validate(null, options).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData("https://api.openai.com", "https://api.openai.com/v1")]
    [InlineData("https://api.openai.com/", "https://api.openai.com/v1")]
    [InlineData("https://api.openai.com/v1", "https://api.openai.com/v1")]
    [InlineData("http://127.0.0.1:8000/proxy/v1/", "http://127.0.0.1:8000/proxy/v1")]
    public void The_base_url_gets_exactly_one_v1(string baseUrl, string endpoint)
    {
        new VoiceOptions { BaseUrl = baseUrl }.ApiEndpoint.ShouldBe(new Uri(endpoint));
    }

    [Theory]
    [InlineData("OPENAI_BASE_URL", "not a url")]
    [InlineData("OPENAI_BASE_URL", "ftp://example.com")]
    [InlineData("OPENAI_BASE_URL", "https://example.com/?key=1")]
    [InlineData("STT_MODEL", " ")]
    [InlineData("LLM_MODEL", "")]
    [InlineData("VOICE_TIMEOUT_SECONDS", "0")]
    [InlineData("VOICE_TIMEOUT_SECONDS", "600")]
    [InlineData("VOICE_RETRIES", "-1")]
    [InlineData("VOICE_RETRY_DELAY_MS", "60000")]
    public void A_bad_setting_fails_start_up_naming_the_variable(string variable, string value)
    {
        var options = new VoiceOptions();
        Action set = variable switch
        {
            "OPENAI_BASE_URL" => () => options.BaseUrl = value,
            "STT_MODEL" => () => options.SttModel = value,
            "LLM_MODEL" => () => options.LlmModel = value,
            "VOICE_TIMEOUT_SECONDS" => () => options.TimeoutSeconds = int.Parse(value),
            "VOICE_RETRIES" => () => options.Retries = int.Parse(value),
            _ => () => options.RetryDelayMilliseconds = int.Parse(value),
        };
        set();

        var result = Validator.Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage!.ShouldContain(variable);
    }

    [Fact]
    public void A_pasted_key_with_a_line_break_is_refused_without_echoing_it()
    {
        var result = Validator.Validate(null, new VoiceOptions { ApiKey = "sk-secret-value\n" });

        result.FailureMessage!.ShouldContain("OPENAI_API_KEY");
        result.FailureMessage!.ShouldNotContain("sk-secret-value");
    }
}
