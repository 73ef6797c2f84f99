using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Tests.Infrastructure.Security;

public sealed class EnvelopeTests
{
    private static readonly string KeyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static MasterKeyRing Ring(string keys) => new(Options.Create(new EncryptionOptions { Keys = keys }));

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("Сьогодні було важко, але я впорався 💙")]
    public void Text_round_trips(string text)
    {
        var ring = Ring($"1:{KeyA}");

        ring.DecryptText(ring.EncryptText(text, "row:1"), "row:1").ShouldBe(text);
    }

    [Fact]
    public void Envelope_has_the_documented_layout()
    {
        var ring = Ring($"7:{KeyA}");
        var plaintext = Encoding.UTF8.GetBytes("hello");

        var envelope = ring.Encrypt(plaintext, []);

        envelope.Length.ShouldBe(1 + 1 + 12 + plaintext.Length + 16);
        envelope[0].ShouldBe((byte)1);
        envelope[1].ShouldBe((byte)7);
    }

    [Fact]
    public void The_same_text_encrypts_differently_each_time()
    {
        var ring = Ring($"1:{KeyA}");

        ring.EncryptText("same", "ad").ShouldNotBe(ring.EncryptText("same", "ad"));
    }

    [Fact]
    public void A_different_key_with_the_same_id_cannot_decrypt()
    {
        var sealedValue = Ring($"1:{KeyA}").EncryptText("private", "ad");

        Should.Throw<CryptographicException>(() => Ring($"1:{KeyB}").DecryptText(sealedValue, "ad"));
    }

    [Fact]
    public void Wrong_associated_data_cannot_decrypt()
    {
        var ring = Ring($"1:{KeyA}");

        Should.Throw<CryptographicException>(() => ring.DecryptText(ring.EncryptText("private", "note:1"), "note:2"));
    }

    [Theory]
    [InlineData(0)]   // version
    [InlineData(1)]   // key id
    [InlineData(5)]   // nonce
    [InlineData(15)]  // ciphertext
    [InlineData(-1)]  // tag
    public void Tampering_with_any_byte_is_detected(int position)
    {
        var ring = Ring($"1:{KeyA},2:{KeyB}");
        var envelope = ring.EncryptText("abcdefgh", "ad");
        var index = position < 0 ? envelope.Length + position : position;

        envelope[index] ^= 0x01;

        Should.Throw<CryptographicException>(() => ring.DecryptText(envelope, "ad"));
    }

    [Fact]
    public void A_truncated_value_is_detected()
    {
        var ring = Ring($"1:{KeyA}");
        var envelope = ring.EncryptText("abcdefgh", "ad");

        Should.Throw<CryptographicException>(() => ring.DecryptText(envelope[..20], "ad"));
    }

    [Fact]
    public void Rotation_new_values_use_the_first_key_and_old_values_still_decrypt()
    {
        var old = Ring($"1:{KeyA}").EncryptText("written last year", "ad");
        var rotated = Ring($"2:{KeyB},1:{KeyA}");

        var fresh = rotated.EncryptText("written today", "ad");

        fresh[1].ShouldBe((byte)2);
        rotated.DecryptText(old, "ad").ShouldBe("written last year");
        rotated.DecryptText(fresh, "ad").ShouldBe("written today");
        Should.Throw<CryptographicException>(() => Ring($"2:{KeyB}").DecryptText(old, "ad")).Message.ShouldContain("1");
    }
}
