namespace Mindguard.Infrastructure.Database;

/// <summary>
/// Dapper's mappings are process-wide. Every entry point that reads the database sets them the same
/// way (snake_case columns to PascalCase members, DateOnly and TimeOnly), whether it is the web host
/// or the migrator run on its own by a command or a benchmark.
/// </summary>
public static class DapperConventions
{
    private static readonly Lazy<bool> Applied = new(() =>
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        DateAndTimeHandlers.Register();
        return true;
    });

    public static void Apply() => _ = Applied.Value;
}
