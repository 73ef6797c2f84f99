namespace Mindguard.Infrastructure.Security;

/// <summary>Argon2id cost for secrets people type (invite codes). Stored hashes carry their own parameters.</summary>
public sealed class Argon2Options
{
    /// <summary>Memory per hash in KiB (OWASP's minimum for Argon2id is 19 MiB with 2 passes).</summary>
    [ConfigurationKeyName("ARGON2_MEMORY_KIB")]
    public int MemoryKib { get; set; } = 19456;

    [ConfigurationKeyName("ARGON2_ITERATIONS")]
    public int Iterations { get; set; } = 2;
}

public sealed class Argon2OptionsValidator : IValidateOptions<Argon2Options>
{
    public ValidateOptionsResult Validate(string? name, Argon2Options o)
    {
        var failures = new List<string>();
        if (o.MemoryKib < 8192) failures.Add($"ARGON2_MEMORY_KIB must be at least 8192 (got {o.MemoryKib})");
        if (o.Iterations < 1) failures.Add($"ARGON2_ITERATIONS must be at least 1 (got {o.Iterations})");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
