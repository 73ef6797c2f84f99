using Microsoft.Extensions.Options;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Tests.Infrastructure.Security;

public sealed class SecretsAndKeysTests
{
    private static SecretHasher Hasher(int memoryKib = 8192, int iterations = 1) =>
        new(Options.Create(new Argon2Options { MemoryKib = memoryKib, Iterations = iterations }));

    [Fact]
    public void Argon2id_verifies_the_right_secret_and_rejects_a_wrong_one()
    {
        var hash = Hasher().Hash("K7Q-2MX-9PL");

        hash.ShouldStartWith("$argon2id$");
        Hasher().Verify(hash, "K7Q-2MX-9PL").ShouldBeTrue();
        Hasher().Verify(hash, "K7Q-2MX-9PM").ShouldBeFalse();
    }

    [Fact]
    public void Hashes_of_the_same_secret_differ_by_salt()
    {
        Hasher().Hash("same").ShouldNotBe(Hasher().Hash("same"));
    }

    [Fact]
    public void A_hash_made_with_older_parameters_still_verifies()
    {
        var old = Hasher(memoryKib: 8192, iterations: 1).Hash("code");

        Hasher(memoryKib: 16384, iterations: 2).Verify(old, "code").ShouldBeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("$argon2id$v=19$m=garbage")]
    public void Garbage_hashes_never_verify(string garbage)
    {
        Hasher().Verify(garbage, "anything").ShouldBeFalse();
    }

    [Fact]
    public void Api_keys_are_256_bit_with_a_visible_prefix_and_stored_as_sha256()
    {
        var key = ApiKeys.Generate();

        key.Key.ShouldStartWith("mg_live_");
        var random = key.Key["mg_live_".Length..].Replace('-', '+').Replace('_', '/') + "=";
        Convert.FromBase64String(random).Length.ShouldBe(32);
        key.Hash.ShouldBe(ApiKeys.Hash(key.Key));
        key.Hash.ShouldMatch("^[0-9a-f]{64}$");
        key.DisplayPrefix.ShouldBe(key.Key[..12]);
        ApiKeys.Generate().Key.ShouldNotBe(key.Key);
    }

    [Fact]
    public void Only_well_formed_keys_pass_the_shape_check()
    {
        var key = ApiKeys.Generate().Key;

        ApiKeys.HasValidShape(key).ShouldBeTrue();
        ApiKeys.HasValidShape(key[..^1]).ShouldBeFalse();
        ApiKeys.HasValidShape("mg_test_" + key[8..]).ShouldBeFalse();
        ApiKeys.HasValidShape(key[..^1] + "!").ShouldBeFalse();
        ApiKeys.HasValidShape(null).ShouldBeFalse();
    }
}
