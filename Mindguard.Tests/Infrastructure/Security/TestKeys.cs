using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Tests.Infrastructure.Security;

/// <summary>Random keys and rings built directly from options, without a web host.</summary>
internal static class TestKeys
{
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    public static string Entry(byte id, byte[] key) => $"{id}:{Convert.ToBase64String(key)}";

    public static MasterKeyRing Ring(params (byte Id, byte[] Key)[] keys) =>
        Ring(string.Join(",", keys.Select(k => Entry(k.Id, k.Key))));

    public static MasterKeyRing Ring(string setting) =>
        new(Options.Create(new EncryptionOptions { Keys = setting }));
}
