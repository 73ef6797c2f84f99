using System.Security.Cryptography;
using System.Text;

namespace Mindguard.Infrastructure.Scheduling;

public sealed class JobsDashboardOptions
{
    /// <summary>
    /// Operator tokens for <c>/jobs</c>, comma-separated, each at least 32 characters (e.g. <c>openssl rand -hex 32</c>).
    /// They are not API keys: an operator runs the deployment for every organisation, so the token belongs to
    /// no person and no organisation and opens nothing in the API. When none are set, admins of the default
    /// organisation operate the dashboard; every other admin sees it read-only.
    /// </summary>
    [ConfigurationKeyName("MINDGUARD_OPERATOR_KEYS")]
    public string? OperatorKeys { get; set; }

    public const int MinKeyLength = 32;

    internal IReadOnlyList<string> Keys =>
        (OperatorKeys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Compares hashes in constant time, so the response time says nothing about a near miss.</summary>
    internal bool IsOperatorKey(string presented)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var key in Keys) match |= CryptographicOperations.FixedTimeEquals(hash, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        return match;
    }
}

public sealed class JobsDashboardOptionsValidator : IValidateOptions<JobsDashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsDashboardOptions o) =>
        o.Keys.Any(k => k.Length < JobsDashboardOptions.MinKeyLength)
            ? ValidateOptionsResult.Fail($"MINDGUARD_OPERATOR_KEYS: every key must be at least {JobsDashboardOptions.MinKeyLength} characters (e.g. openssl rand -hex 32)")
            : ValidateOptionsResult.Success;
}
