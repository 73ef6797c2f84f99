using Microsoft.Extensions.Configuration;

namespace Mindguard.Infrastructure.Security;

/// <summary>
/// Argon2id cost for secrets people type (passwords, one-time codes). Defaults follow the OWASP
/// minimum (19 MiB, 2 passes, 1 lane). Every hash records its own parameters, so raising these
/// later does not lock anyone out; old hashes keep verifying.
/// </summary>
public sealed class Argon2Options
{
    /// <summary>Memory per hash in KiB (<c>ARGON2_MEMORY_KIB</c>); at least 8192, at most 1048576 (1 GiB).</summary>
    [ConfigurationKeyName("ARGON2_MEMORY_KIB")]
    public int MemoryKib { get; set; } = 19456;

    /// <summary>Passes over memory (<c>ARGON2_ITERATIONS</c>); at least 1.</summary>
    [ConfigurationKeyName("ARGON2_ITERATIONS")]
    public int Iterations { get; set; } = 2;
}
