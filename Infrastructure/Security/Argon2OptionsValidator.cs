namespace Mindguard.Infrastructure.Security;

/// <summary>Rejects Argon2 costs too weak to slow down guessing, or too large for one request.</summary>
public sealed class Argon2OptionsValidator : IValidateOptions<Argon2Options>
{
    public const int MinMemoryKib = 8192;

    // Above 1 GiB a single login could exhaust a small container; it is also where the
    // underlying API's byte count would approach int.MaxValue.
    public const int MaxMemoryKib = 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, Argon2Options options)
    {
        var errors = Problems(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static IEnumerable<string> Problems(Argon2Options options)
    {
        if (options.MemoryKib < MinMemoryKib)
            yield return $"ARGON2_MEMORY_KIB must be at least {MinMemoryKib} (got {options.MemoryKib}); the default is 19456 (19 MiB).";
        if (options.MemoryKib > MaxMemoryKib)
            yield return $"ARGON2_MEMORY_KIB must be at most {MaxMemoryKib} (1 GiB) (got {options.MemoryKib}).";
        if (options.Iterations < 1)
            yield return $"ARGON2_ITERATIONS must be at least 1 (got {options.Iterations}); the default is 2.";
    }
}
