using System.Security.Cryptography;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Tests.Infrastructure.Security;

public sealed class EncryptionOptionsTests
{
    private static readonly string Good = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string Short = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("nocolon", "is not 'id:base64key'")]
    [InlineData("0:{good}", "from 1 to 255")]
    [InlineData("256:{good}", "from 1 to 255")]
    [InlineData("1:@@not-base64@@", "not valid base64")]
    [InlineData("1:{short}", "must be 32 bytes (got 16)")]
    [InlineData("1:{good},1:{good}", "appears twice")]
    public void Bad_keys_are_reported_by_variable_name_without_the_key(string? value, string expected)
    {
        var keys = value?.Replace("{good}", Good).Replace("{short}", Short);

        var result = new EncryptionOptionsValidator().Validate(null, new EncryptionOptions { Keys = keys });

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain("MINDGUARD_ENCRYPTION_KEYS");
        result.FailureMessage.ShouldContain(expected);
        result.FailureMessage.ShouldNotContain(Good);
        result.FailureMessage.ShouldNotContain(Short);
    }

    [Fact]
    public void Several_keys_are_accepted()
    {
        new EncryptionOptionsValidator().Validate(null, new EncryptionOptions { Keys = $"2:{Good}, 1:{Good.Replace('A', 'B')}" }).Succeeded.ShouldBeTrue();
    }
}
