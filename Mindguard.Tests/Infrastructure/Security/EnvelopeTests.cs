using System.Security.Cryptography;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Tests.Infrastructure.Security;

public sealed class EnvelopeTests
{
    private static readonly byte[] Key = TestKeys.NewKey();
    private static readonly byte[] Plaintext = "how was your day"u8.ToArray();
    private static readonly byte[] Ad = "checkin_answer:42"u8.ToArray();

    [Fact]
    public void Sealed_bytes_open_to_the_original()
    {
        var envelope = Envelope.Seal(7, Key, Plaintext, Ad);

        Envelope.Open(Key, envelope, Ad).ShouldBe(Plaintext);
    }

    [Fact]
    public void Empty_plaintext_round_trips()
    {
        var envelope = Envelope.Seal(7, Key, [], Ad);

        envelope.Length.ShouldBe(Envelope.Overhead);
        Envelope.Open(Key, envelope, Ad).ShouldBeEmpty();
    }

    [Fact]
    public void Long_associated_data_is_bound_as_well()
    {
        var longAd = RandomNumberGenerator.GetBytes(1000);
        var envelope = Envelope.Seal(7, Key, Plaintext, longAd);

        Envelope.Open(Key, envelope, longAd).ShouldBe(Plaintext);
        longAd[999] ^= 1;
        Should.Throw<CryptographicException>(() => Envelope.Open(Key, envelope, longAd));
    }

    [Fact]
    public void Layout_is_version_key_id_nonce_ciphertext_tag()
    {
        var envelope = Envelope.Seal(7, Key, Plaintext, Ad);

        envelope.Length.ShouldBe(1 + 1 + 12 + Plaintext.Length + 16);
        envelope[0].ShouldBe((byte)1);
        envelope[1].ShouldBe((byte)7);
        Envelope.ReadKeyId(envelope).ShouldBe((byte)7);
    }

    [Fact]
    public void The_same_plaintext_seals_differently_each_time()
    {
        var first = Envelope.Seal(7, Key, Plaintext, Ad);
        var second = Envelope.Seal(7, Key, Plaintext, Ad);

        first.AsSpan(2, 12).ToArray().ShouldNotBe(second.AsSpan(2, 12).ToArray());
        first.ShouldNotBe(second);
    }

    [Fact]
    public void A_wrong_key_fails()
    {
        var envelope = Envelope.Seal(7, Key, Plaintext, Ad);

        Should.Throw<CryptographicException>(() => Envelope.Open(TestKeys.NewKey(), envelope, Ad));
    }

    [Fact]
    public void Wrong_associated_data_fails()
    {
        var envelope = Envelope.Seal(7, Key, Plaintext, Ad);

        Should.Throw<CryptographicException>(() => Envelope.Open(Key, envelope, "checkin_answer:43"u8));
        Should.Throw<CryptographicException>(() => Envelope.Open(Key, envelope, []));
    }

    [Theory]
    [InlineData("version", 0)]
    [InlineData("key id", 1)]
    [InlineData("nonce start", 2)]
    [InlineData("nonce end", 13)]
    [InlineData("ciphertext", 14)]
    [InlineData("tag start", -16)]
    [InlineData("tag end", -1)]
    public void Tampering_with_any_region_fails(string region, int offset)
    {
        var envelope = Envelope.Seal(7, Key, Plaintext, Ad);
        var index = offset >= 0 ? offset : envelope.Length + offset;

        envelope[index] ^= 0x01;

        Should.Throw<CryptographicException>(() => Envelope.Open(Key, envelope, Ad), region);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(14)]
    [InlineData(29)]
    public void A_truncated_envelope_fails(int length)
    {
        var envelope = Envelope.Seal(7, Key, [], Ad);

        Should.Throw<CryptographicException>(() => Envelope.Open(Key, envelope.AsSpan(0, length), Ad));
    }

    [Fact]
    public void Losing_the_tail_of_a_longer_value_fails()
    {
        var envelope = Envelope.Seal(7, Key, Plaintext, Ad);

        Should.Throw<CryptographicException>(() => Envelope.Open(Key, envelope.AsSpan(0, envelope.Length - 1), Ad));
    }

    [Fact]
    public void An_unknown_version_is_refused_before_any_key_is_chosen()
    {
        var envelope = Envelope.Seal(7, Key, Plaintext, Ad);
        envelope[0] = 2;

        Should.Throw<CryptographicException>(() => Envelope.ReadKeyId(envelope)).Message.ShouldContain("version 2");
    }

    [Fact]
    public void A_key_that_is_not_32_bytes_is_a_programming_error()
    {
        Should.Throw<ArgumentException>(() => Envelope.Seal(7, new byte[16], Plaintext, Ad));
    }
}
