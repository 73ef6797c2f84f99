using Microsoft.Extensions.Options;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Tests.Infrastructure.Security;

public sealed class SecretHasherTests
{
    // The minimum cost keeps the suite fast; the default cost is exercised once below.
    private static readonly SecretHasher Hasher = New(8192, 1);

    private static SecretHasher New(int memoryKib, int iterations) =>
        new(Options.Create(new Argon2Options { MemoryKib = memoryKib, Iterations = iterations }));

    [Fact]
    public void The_right_secret_verifies()
    {
        var hash = Hasher.Hash("correct horse");

        Hasher.Verify(hash, "correct horse").ShouldBeTrue();
    }

    [Fact]
    public void A_wrong_secret_does_not_verify()
    {
        var hash = Hasher.Hash("correct horse");

        Hasher.Verify(hash, "correct horsf").ShouldBeFalse();
        Hasher.Verify(hash, "").ShouldBeFalse();
    }

    [Fact]
    public void Unicode_secrets_verify()
    {
        var hash = Hasher.Hash("пароль-Ґ-😌");

        Hasher.Verify(hash, "пароль-Ґ-😌").ShouldBeTrue();
        Hasher.Verify(hash, "пароль-Г-😌").ShouldBeFalse();
    }

    [Fact]
    public void The_hash_is_a_self_describing_argon2id_string()
    {
        Hasher.Hash("x").ShouldStartWith("$argon2id$v=19$m=8192,t=1,p=1$");
        new SecretHasher(Options.Create(new Argon2Options())).Hash("x").ShouldStartWith("$argon2id$v=19$m=19456,t=2,p=1$");
    }

    [Fact]
    public void Hashes_of_the_same_secret_differ_because_of_the_salt()
    {
        Hasher.Hash("same").ShouldNotBe(Hasher.Hash("same"));
    }

    [Fact]
    public void A_hash_made_with_other_options_still_verifies()
    {
        var oldHash = New(8192, 1).Hash("kept working");
        var stronger = New(9216, 2);

        stronger.Verify(oldHash, "kept working").ShouldBeTrue();
        stronger.NeedsRehash(oldHash).ShouldBeTrue();
        stronger.NeedsRehash(stronger.Hash("kept working")).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("$argon2i$v=19$m=8192,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")]
    [InlineData("$argon2id$v=19$m=8192,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaA")]
    [InlineData("$argon2id$v=19$m=8192,t=1,p=1$!!!!$????????????????????????????????????????????")]
    [InlineData("$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")]
    [InlineData("$argon2id$v=19$m=8192,t=100000,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")]
    [InlineData("$argon2id$v=19$m=8192,t=1,p=4$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")]
    public void Malformed_or_hostile_hashes_are_false_not_exceptions(string? hash)
    {
        Hasher.Verify(hash!, "secret").ShouldBeFalse();
    }

    [Fact]
    public void A_truncated_real_hash_is_false()
    {
        var hash = Hasher.Hash("secret");

        Hasher.Verify(hash[..^4], "secret").ShouldBeFalse();
        Hasher.Verify(hash + "AAAA", "secret").ShouldBeFalse();
    }

    [Theory]
    [InlineData(8191, 1, "ARGON2_MEMORY_KIB must be at least 8192 (got 8191)")]
    [InlineData(2_000_000, 1, "ARGON2_MEMORY_KIB must be at most 1048576")]
    [InlineData(19456, 0, "ARGON2_ITERATIONS must be at least 1 (got 0)")]
    public void Weak_or_absurd_costs_fail_validation_with_a_readable_message(int memoryKib, int iterations, string expected)
    {
        var options = new Argon2Options { MemoryKib = memoryKib, Iterations = iterations };

        var result = new Argon2OptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain(expected);
        Should.Throw<OptionsValidationException>(() => new SecretHasher(Options.Create(options))).Message.ShouldContain(expected);
    }

    [Fact]
    public void Default_costs_pass_validation()
    {
        new Argon2OptionsValidator().Validate(null, new Argon2Options()).Succeeded.ShouldBeTrue();
    }
}
