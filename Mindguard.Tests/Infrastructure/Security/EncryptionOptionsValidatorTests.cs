using Microsoft.Extensions.Options;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Tests.Infrastructure.Security;

public sealed class EncryptionOptionsValidatorTests
{
    private const string Variable = "MINDGUARD_ENCRYPTION_KEYS";
    private static readonly string KeyText = Convert.ToBase64String(TestKeys.NewKey());
    private static readonly string ShortKeyText = Convert.ToBase64String(TestKeys.NewKey()[..16]);

    private static ValidateOptionsResult Validate(string? keys) =>
        new EncryptionOptionsValidator().Validate(null, new EncryptionOptions { Keys = keys! });

    [Fact]
    public void Well_formed_keys_pass()
    {
        Validate($"1:{KeyText}").Succeeded.ShouldBeTrue();
        Validate($"2:{Convert.ToBase64String(TestKeys.NewKey())}, 1:{KeyText}").Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_missing_setting_says_how_to_generate_a_key(string? keys)
    {
        var result = Validate(keys);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain($"{Variable} is required");
        result.FailureMessage.ShouldContain("head -c 32 /dev/urandom | base64");
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "no colon", KeyText, "entry 1 is not 'id:base64key'" },
        { "no id", $":{KeyText}", "entry 1 is not 'id:base64key'" },
        { "no key", "1:", "entry 1 is not 'id:base64key'" },
        { "second entry malformed", $"1:{KeyText},{KeyText}", "entry 2 is not 'id:base64key'" },
        { "stray comma", $"1:{KeyText},", "entry 2 is empty" },
        { "id not a number", $"x:{KeyText}", "entry 1 has an id that is not a whole number" },
        { "id swapped with key", $"{KeyText}:1", "entry 1 has an id that is not a whole number" },
        { "id zero", $"0:{KeyText}", "key id 0, outside 1..255" },
        { "id too large", $"256:{KeyText}", "key id 256, outside 1..255" },
        { "bad base64", $"1:{KeyText[..^2]}!!", "key 1 is not valid base64" },
        { "short key", $"3:{ShortKeyText}", "key 3 must be 32 bytes (got 16)" },
        { "duplicate id", $"1:{KeyText},1:{Convert.ToBase64String(TestKeys.NewKey())}", "key id 1 appears more than once" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_settings_name_the_variable_and_the_problem_but_never_the_key(string _, string keys, string expected)
    {
        var result = Validate(keys);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain(Variable);
        result.FailureMessage.ShouldContain(expected);
        result.FailureMessage.ShouldNotContain(KeyText);
        result.FailureMessage.ShouldNotContain(KeyText[..12]);
        result.FailureMessage.ShouldNotContain(ShortKeyText[..12]);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var result = Validate($"0:{KeyText},2:{ShortKeyText}");

        result.Failures!.Count().ShouldBe(2);
    }

    [Fact]
    public void A_ring_built_from_unvalidated_options_refuses_bad_keys_with_the_same_message()
    {
        var error = Should.Throw<OptionsValidationException>(() => TestKeys.Ring($"3:{ShortKeyText}"));

        error.Message.ShouldContain($"{Variable}: key 3 must be 32 bytes (got 16)");
        error.Message.ShouldNotContain(ShortKeyText);
    }
}
