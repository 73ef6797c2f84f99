using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Infrastructure.Security;
using Mindguard.Tests.Support;
using StackExchange.Redis;

namespace Mindguard.Tests.Infrastructure.Security;

/// <summary>
/// Data Protection (the antiforgery tokens of /jobs) shares one key ring between the replicas of a
/// deployment, kept in its Redis and sealed with its master keys, so a token issued by one replica is
/// accepted by the next and nobody reading Redis can forge one.
/// </summary>
public sealed class DataProtectionTests : AppsTestBase
{
    [Fact]
    public async Task A_payload_protected_by_one_replica_is_opened_by_another_but_not_by_another_deployment()
    {
        var first = await StartAppAsync();
        var second = await StartAppAsync(s => s["REDIS_KEY_PREFIX"] = first.RedisKeyPrefix, first.DatabaseUrl);
        var elsewhere = await StartAppAsync();

        var token = Protector(first).Protect("antiforgery for an operator");

        Protector(second).Unprotect(token).ShouldBe("antiforgery for an operator");
        Should.Throw<CryptographicException>(() => Protector(elsewhere).Unprotect(token));
    }

    [Fact]
    public async Task The_key_ring_lives_in_the_deployment_s_redis_sealed_with_its_master_key()
    {
        var app = await StartAppAsync();
        Protector(app).Protect("anything");

        await using var redis = await ConnectionMultiplexer.ConnectAsync(Mindguard.Infrastructure.Database.ConnectionUrls.ToRedis(TestEnvironment.RedisUrl));
        var keys = await redis.GetDatabase().ListRangeAsync(app.RedisKeyPrefix + DataProtectionServices.KeysRedisKey);

        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(k => k.ToString().Contains(nameof(MasterKeyXmlDecryptor)));
        // The plain key material is a <masterKey> element with its secret in base64.
        keys.ShouldAllBe(k => !k.ToString().Contains("<masterKey"));
    }

    private static IDataProtector Protector(MindguardApp app) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("DataProtectionTests");
}
