using System.Security.Cryptography;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Tests.Infrastructure.Security;

public sealed class DataKeysTests
{
    private static readonly byte[] OldMaster = TestKeys.NewKey();
    private static readonly byte[] NewMaster = TestKeys.NewKey();
    private static readonly Guid Owner = Guid.NewGuid();
    private const string Ad = "checkin_note:12";

    private static DataKeys Keys(MasterKeyRing? ring = null) => new(ring ?? TestKeys.Ring((1, OldMaster)));

    [Fact]
    public void A_new_data_key_is_32_random_bytes_wrapped_by_the_current_master_key()
    {
        var dataKey = Keys().NewDataKey(Owner);

        dataKey.Key.Length.ShouldBe(32);
        dataKey.Wrapped[1].ShouldBe((byte)1);
        dataKey.Wrapped.Length.ShouldBe(Envelope.Overhead + 32);
        Keys().NewDataKey(Owner).Key.ShouldNotBe(dataKey.Key);
    }

    [Fact]
    public void A_wrapped_key_unwraps_to_the_same_key()
    {
        var keys = Keys();
        var dataKey = keys.NewDataKey(Owner);

        keys.Unwrap(Owner, dataKey.Wrapped).ShouldBe(dataKey.Key);
    }

    [Fact]
    public void A_wrapped_key_does_not_unwrap_for_another_owner()
    {
        var keys = Keys();
        var dataKey = keys.NewDataKey(Owner);

        Should.Throw<CryptographicException>(() => keys.Unwrap(Guid.NewGuid(), dataKey.Wrapped));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Мені сьогодні важко зосередитися.")]
    public void Text_under_a_data_key_decrypts_with_the_unwrapped_key(string text)
    {
        var keys = Keys();
        var dataKey = keys.NewDataKey(Owner);
        var sealedText = DataKeys.EncryptText(dataKey.Key, text, Ad);

        sealedText[1].ShouldBe(DataKeys.DataKeyId);
        DataKeys.DecryptText(keys.Unwrap(Owner, dataKey.Wrapped), sealedText, Ad).ShouldBe(text);
    }

    [Fact]
    public void Text_under_a_data_key_does_not_decrypt_with_other_associated_data_or_another_key()
    {
        var sealedText = DataKeys.EncryptText(Keys().NewDataKey(Owner).Key, "note", Ad);

        Should.Throw<CryptographicException>(() => DataKeys.DecryptText(Keys().NewDataKey(Owner).Key, sealedText, Ad));
    }

    [Fact]
    public void After_the_wrapped_key_is_deleted_nothing_decrypts_even_with_the_master_ring()
    {
        var ring = TestKeys.Ring((1, OldMaster));
        var keys = Keys(ring);
        var dataKey = keys.NewDataKey(Owner);
        var sealedText = DataKeys.EncryptText(dataKey.Key, "my private note", Ad);

        // Shredding deletes the wrapped key; the plain key was never stored. What remains is the
        // master ring, raw master keys, and any key issued to the same person afterwards.
        var laterKey = keys.NewDataKey(Owner);

        Should.Throw<CryptographicException>(() => ring.DecryptText(sealedText, Ad));
        Should.Throw<CryptographicException>(() => DataKeys.DecryptText(OldMaster, sealedText, Ad));
        Should.Throw<CryptographicException>(() => DataKeys.DecryptText(keys.Unwrap(Owner, laterKey.Wrapped), sealedText, Ad));
    }

    [Fact]
    public void A_master_key_envelope_is_refused_as_data_key_text()
    {
        var ring = TestKeys.Ring((1, OldMaster));
        var masterSealed = ring.EncryptText("x", Ad);

        Should.Throw<CryptographicException>(() => DataKeys.DecryptText(OldMaster, masterSealed, Ad)).Message.ShouldContain("master key 1");
    }

    [Fact]
    public void Rewrap_moves_a_data_key_to_the_new_master_key()
    {
        var dataKey = Keys().NewDataKey(Owner);
        var rotated = Keys(TestKeys.Ring((2, NewMaster), (1, OldMaster)));

        var rewrapped = rotated.Rewrap(Owner, dataKey.Wrapped);

        rewrapped[1].ShouldBe((byte)2);
        Keys(TestKeys.Ring((2, NewMaster))).Unwrap(Owner, rewrapped).ShouldBe(dataKey.Key);
    }

    [Fact]
    public void Rewrap_refuses_a_wrapped_key_of_another_owner()
    {
        var dataKey = Keys().NewDataKey(Owner);

        Should.Throw<CryptographicException>(() => Keys().Rewrap(Guid.NewGuid(), dataKey.Wrapped));
    }
}
