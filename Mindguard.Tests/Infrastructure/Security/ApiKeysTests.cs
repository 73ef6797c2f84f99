using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Tests.Infrastructure.Security;

public sealed class ApiKeysTests
{
    [Fact]
    public void A_generated_key_is_the_prefix_and_43_base64url_characters()
    {
        var generated = ApiKeys.Generate();

        generated.Key.ShouldStartWith("mg_live_");
        generated.Key.Length.ShouldBe(8 + 43);
        generated.Key.ShouldNotContain("=");
        ApiKeys.HasValidShape(generated.Key).ShouldBeTrue();
    }

    [Fact]
    public void A_generated_key_carries_256_random_bits()
    {
        var generated = ApiKeys.Generate();

        Base64Url.DecodeFromChars(generated.Key.AsSpan(ApiKeys.Prefix.Length)).Length.ShouldBe(32);
        ApiKeys.Generate().Key.ShouldNotBe(generated.Key);
    }

    [Fact]
    public void The_display_prefix_is_the_first_12_characters()
    {
        var generated = ApiKeys.Generate();

        generated.DisplayPrefix.ShouldBe(generated.Key[..12]);
    }

    [Fact]
    public void The_hash_is_lowercase_hex_sha256_of_the_whole_key()
    {
        var generated = ApiKeys.Generate();
        var expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(generated.Key))).ToLowerInvariant();

        generated.Hash.ShouldBe(expected);
        generated.Hash.Length.ShouldBe(64);
        generated.Hash.ShouldMatch("^[0-9a-f]{64}$");
        ApiKeys.Hash(generated.Key).ShouldBe(generated.Hash);
    }

    [Fact]
    public void Different_keys_hash_differently()
    {
        ApiKeys.Hash("mg_live_a").ShouldNotBe(ApiKeys.Hash("mg_live_b"));
    }

    public static TheoryData<string?> NearMisses()
    {
        var key = ApiKeys.Generate().Key;
        return new TheoryData<string?>
        {
            (string?)null,
            "",
            ApiKeys.Prefix,
            key[..^1],
            key + "A",
            "mg_test_" + key[8..],
            "MG_LIVE_" + key[8..],
            " " + key[..^1],
            key[..^1] + "=",
            key[..20] + "+" + key[21..],
            key[..20] + "/" + key[21..],
            key[..^1] + "B",
        };
    }

    [Theory]
    [MemberData(nameof(NearMisses))]
    public void Near_misses_do_not_have_a_valid_shape(string? candidate)
    {
        ApiKeys.HasValidShape(candidate).ShouldBeFalse();
    }
}
