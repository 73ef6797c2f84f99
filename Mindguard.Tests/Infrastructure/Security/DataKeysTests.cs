using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Tests.Infrastructure.Security;

public sealed class DataKeysTests
{
    private static readonly string KeyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static DataKeys Keys(string keys) => new(new MasterKeyRing(Options.Create(new EncryptionOptions { Keys = keys })));

    [Fact]
    public void A_persons_text_decrypts_with_their_unwrapped_key()
    {
        var keys = Keys($"1:{KeyA}");
        var person = Guid.NewGuid();
        var dataKey = keys.NewDataKey(person);

        var note = DataKeys.EncryptText(dataKey.Key, "my note", "checkin-note:1");

        DataKeys.DecryptText(keys.Unwrap(person, dataKey.Wrapped), note, "checkin-note:1").ShouldBe("my note");
    }

    [Fact]
    public void A_wrapped_key_cannot_be_unwrapped_for_another_person()
    {
        var keys = Keys($"1:{KeyA}");
        var wrapped = keys.NewDataKey(Guid.NewGuid()).Wrapped;

        Should.Throw<CryptographicException>(() => keys.Unwrap(Guid.NewGuid(), wrapped));
    }

    [Fact]
    public void Without_the_wrapped_key_the_master_ring_alone_reads_nothing()
    {
        var ring = new MasterKeyRing(Options.Create(new EncryptionOptions { Keys = $"1:{KeyA}" }));
        var dataKey = new DataKeys(ring).NewDataKey(Guid.NewGuid());
        var note = DataKeys.EncryptText(dataKey.Key, "shredded", "ad");

        // What a backup holds after the person's key row was deleted: the value and the master keys.
        Should.Throw<CryptographicException>(() => ring.Decrypt(note, "ad"u8));
        Should.Throw<CryptographicException>(() => DataKeys.DecryptText(RandomNumberGenerator.GetBytes(32), note, "ad"));
    }

    [Fact]
    public void Rewrap_moves_a_data_key_to_the_current_master_key()
    {
        var person = Guid.NewGuid();
        var dataKey = Keys($"1:{KeyA}").NewDataKey(person);
        var rotated = Keys($"2:{KeyB},1:{KeyA}");

        var rewrapped = rotated.Rewrap(person, dataKey.Wrapped);

        rewrapped[1].ShouldBe((byte)2);
        Keys($"2:{KeyB}").Unwrap(person, rewrapped).ShouldBe(dataKey.Key);
    }
}
