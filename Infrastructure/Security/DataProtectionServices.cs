using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using StackExchange.Redis;

namespace Mindguard.Infrastructure.Security;

public static class DataProtectionServices
{
    /// <summary>The Redis list (under <c>REDIS_KEY_PREFIX</c>) that holds the Data Protection key ring.</summary>
    public const string KeysRedisKey = "data-protection:keys";

    /// <summary>
    /// One Data Protection key ring for every replica, kept in Redis and sealed with the master key ring.
    /// By default each process kept its own keys in a local folder (or in memory in a container), so an
    /// antiforgery token issued by one replica was refused by the next, and every start warned that keys
    /// lay unencrypted. The application name is fixed because the default one is the content root path,
    /// which two replicas need not share.
    /// </summary>
    public static IServiceCollection AddSharedDataProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("mindguard");
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
        {
            o.XmlRepository = new RedisXmlRepository(sp.GetRequiredService<IDatabase>, KeysRedisKey);
            o.XmlEncryptor = new MasterKeyXmlEncryptor(sp.GetRequiredService<MasterKeyRing>());
        });
        return services;
    }
}
