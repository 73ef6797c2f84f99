using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Tests.Infrastructure.Security;

public sealed class SecurityServicesTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSecurity()
            .BuildServiceProvider();
    }

    [Fact]
    public void Services_bind_from_root_level_environment_style_keys()
    {
        var key = TestKeys.NewKey();
        using var provider = Build(new()
        {
            ["MINDGUARD_ENCRYPTION_KEYS"] = TestKeys.Entry(5, key),
            ["ARGON2_MEMORY_KIB"] = "8192",
            ["ARGON2_ITERATIONS"] = "1",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var ring = provider.GetRequiredService<MasterKeyRing>();
        ring.CurrentKeyId.ShouldBe((byte)5);
        var dataKey = provider.GetRequiredService<DataKeys>().NewDataKey(Guid.NewGuid());
        dataKey.Wrapped[1].ShouldBe((byte)5);
        provider.GetRequiredService<SecretHasher>().Hash("x").ShouldStartWith("$argon2id$v=19$m=8192,t=1,p=1$");
        provider.GetRequiredService<MasterKeyRing>().ShouldBeSameAs(ring);
    }

    [Fact]
    public void Start_up_validation_fails_with_readable_messages_for_every_bad_setting()
    {
        using var provider = Build(new() { ["ARGON2_ITERATIONS"] = "0" });

        var error = Should.Throw<AggregateException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        var messages = string.Join("\n", error.InnerExceptions.Select(e => e.Message));
        messages.ShouldContain("MINDGUARD_ENCRYPTION_KEYS is required");
        messages.ShouldContain("ARGON2_ITERATIONS must be at least 1 (got 0)");
    }
}
