using System.Security.Cryptography;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Tests.Infrastructure.Security;

public sealed class MasterKeyRingTests
{
    private static readonly byte[] OldKey = TestKeys.NewKey();
    private static readonly byte[] NewKey = TestKeys.NewKey();
    private const string Ad = "user_note:7f1c";

    [Theory]
    [InlineData("")]
    [InlineData("plain ascii")]
    [InlineData("Сьогодні я почуваюся спокійно, дякую! Ґанок, їжак, є.")]
    [InlineData("emoji 😌 and tabs\tand\nnewlines")]
    public void Text_round_trips(string text)
    {
        var ring = TestKeys.Ring((1, OldKey));

        ring.DecryptText(ring.EncryptText(text, Ad), Ad).ShouldBe(text);
    }

    [Fact]
    public void Bytes_round_trip()
    {
        var ring = TestKeys.Ring((1, OldKey));
        var plaintext = RandomNumberGenerator.GetBytes(300);

        ring.Decrypt(ring.Encrypt(plaintext, "row:1"u8), "row:1"u8).ShouldBe(plaintext);
    }

    [Fact]
    public void Two_encryptions_of_the_same_text_differ()
    {
        var ring = TestKeys.Ring((1, OldKey));

        ring.EncryptText("same", Ad).ShouldNotBe(ring.EncryptText("same", Ad));
    }

    [Fact]
    public void Text_under_other_associated_data_does_not_decrypt()
    {
        var ring = TestKeys.Ring((1, OldKey));
        var sealedText = ring.EncryptText("private", "user_note:1");

        Should.Throw<CryptographicException>(() => ring.DecryptText(sealedText, "user_note:2"));
    }

    [Fact]
    public void A_ring_with_other_key_material_under_the_same_id_cannot_decrypt()
    {
        var sealedText = TestKeys.Ring((1, OldKey)).EncryptText("private", Ad);

        Should.Throw<CryptographicException>(() => TestKeys.Ring((1, NewKey)).DecryptText(sealedText, Ad));
    }

    [Fact]
    public void The_first_key_encrypts_and_new_values_carry_its_id()
    {
        var rotated = TestKeys.Ring((2, NewKey), (1, OldKey));

        rotated.CurrentKeyId.ShouldBe((byte)2);
        rotated.EncryptText("fresh", Ad)[1].ShouldBe((byte)2);
    }

    [Fact]
    public void Values_sealed_before_rotation_still_decrypt()
    {
        var before = TestKeys.Ring((1, OldKey)).EncryptText("from last year", Ad);

        TestKeys.Ring((2, NewKey), (1, OldKey)).DecryptText(before, Ad).ShouldBe("from last year");
    }

    [Fact]
    public void A_ring_without_the_old_key_cannot_decrypt_and_names_the_missing_id()
    {
        var before = TestKeys.Ring((1, OldKey)).EncryptText("from last year", Ad);
        var retired = TestKeys.Ring((2, NewKey));

        var error = Should.Throw<CryptographicException>(() => retired.DecryptText(before, Ad));
        error.Message.ShouldContain("master key 1");
        error.Message.ShouldNotContain(Convert.ToBase64String(OldKey));
        error.Message.ShouldNotContain(Convert.ToBase64String(NewKey));
    }

    [Fact]
    public void A_data_key_envelope_is_not_opened_by_the_master_ring()
    {
        var ring = TestKeys.Ring((1, OldKey));
        var underDataKey = Envelope.Seal(0, OldKey, "text"u8, "row:1"u8);

        Should.Throw<CryptographicException>(() => ring.Decrypt(underDataKey, "row:1"u8)).Message.ShouldContain("master key 0");
    }

    [Fact]
    public void A_derived_secret_is_stable_per_purpose_and_key_and_reveals_no_key()
    {
        var ring = TestKeys.Ring((1, OldKey));

        var secret = ring.DeriveSecret("wall");
        secret.Length.ShouldBe(32);
        TestKeys.Ring((1, OldKey)).DeriveSecret("wall").ShouldBe(secret);
        ring.DeriveSecret("other").ShouldNotBe(secret);
        secret.ShouldNotBe(OldKey);
        // It follows the key that encrypts: rotating to a new first key gives a new secret.
        TestKeys.Ring((2, NewKey), (1, OldKey)).DeriveSecret("wall").ShouldNotBe(secret);
    }
}
