using System.Security.Cryptography;
using System.Text;

namespace Mindguard.Infrastructure.Database;

/// <summary>Where PostgreSQL is and which roles the app uses.</summary>
public sealed class DatabaseOptions
{
    /// <summary>
    /// The owner role: runs migrations and owns the tables. Railway-style URL or Npgsql connection string.
    /// </summary>
    [ConfigurationKeyName("DATABASE_URL")]
    public string Url { get; set; } = "";

    /// <summary>
    /// Optional runtime role (no table ownership, no BYPASSRLS). When absent the app creates
    /// <see cref="DefaultAppRole"/> itself and derives its password from the owner's.
    /// </summary>
    [ConfigurationKeyName("DATABASE_APP_URL")]
    public string? AppUrl { get; set; }

    public const string DefaultAppRole = "mindguard_app";

    /// <summary>
    /// Optional role for the job scheduler's storage (Hangfire): it owns the <c>hangfire</c> schema and nothing
    /// else, and has no rights on the app's tables. When absent the app creates <see cref="DefaultJobsRole"/>
    /// itself, with a password derived from the owner's, as it does the runtime role.
    /// </summary>
    [ConfigurationKeyName("DATABASE_JOBS_URL")]
    public string? JobsUrl { get; set; }

    public const string DefaultJobsRole = "mindguard_jobs";

    /// <summary>True when the app manages the scheduler's role itself (no DATABASE_JOBS_URL given).</summary>
    public bool ManagesJobsRole => string.IsNullOrWhiteSpace(JobsUrl);

    public string JobsConnectionString => ManagesJobsRole
        ? new NpgsqlConnectionStringBuilder(OwnerConnectionString) { Username = DefaultJobsRole, Password = DerivedJobsPassword() }.ConnectionString
        : ConnectionUrls.ToNpgsql(JobsUrl!);

    public string OwnerConnectionString => ConnectionUrls.ToNpgsql(Url);

    /// <summary>True when the app manages the runtime role itself (no DATABASE_APP_URL given).</summary>
    public bool ManagesAppRole => string.IsNullOrWhiteSpace(AppUrl);

    public string AppConnectionString
    {
        get
        {
            if (!ManagesAppRole) return ConnectionUrls.ToNpgsql(AppUrl!);
            var builder = new NpgsqlConnectionStringBuilder(OwnerConnectionString)
            {
                Username = DefaultAppRole,
                Password = DerivedAppPassword(),
            };
            return builder.ConnectionString;
        }
    }

    /// <summary>
    /// Every replica must agree on the runtime role's password without another secret to manage,
    /// so it is derived from the owner's credentials, which all of them already hold. Not from the
    /// database name: roles are cluster-wide, and two databases on one server share the role.
    /// </summary>
    public string DerivedAppPassword() => DerivedPassword("mindguard-app-role:");

    public string DerivedJobsPassword() => DerivedPassword("mindguard-jobs-role:");

    private string DerivedPassword(string purpose)
    {
        var owner = new NpgsqlConnectionStringBuilder(OwnerConnectionString);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(owner.Password ?? ""), Encoding.UTF8.GetBytes(purpose + owner.Username));
        return Convert.ToHexString(mac).ToLowerInvariant();
    }
}

public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        Check("DATABASE_URL", options.Url, failures);
        if (!options.ManagesAppRole) Check("DATABASE_APP_URL", options.AppUrl!, failures);
        if (!options.ManagesJobsRole) Check("DATABASE_JOBS_URL", options.JobsUrl!, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // The message names the variable and the problem but never echoes the value: it may hold a password.
    private static void Check(string variable, string value, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{variable} is missing or empty: set it to postgres://user:password@host:5432/database");
            return;
        }
        try
        {
            ConnectionUrls.ToNpgsql(value);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or UriFormatException)
        {
            failures.Add($"{variable} is not a valid PostgreSQL URL or connection string ({ex.Message}); expected postgres://user:password@host:5432/database");
        }
    }
}
