namespace Mindguard.Infrastructure.Database;

/// <summary>
/// Turns the URL forms that hosting platforms hand out (Railway, Heroku, Render) into the
/// connection strings Npgsql and StackExchange.Redis expect. Plain connection strings pass through.
/// </summary>
public static class ConnectionUrls
{
    public static string ToNpgsql(string value)
    {
        if (!IsUrl(value, "postgres", "postgresql"))
        {
            return new NpgsqlConnectionStringBuilder(value).ConnectionString;
        }

        var uri = new Uri(value);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        var (user, password) = SplitUserInfo(uri);
        if (user.Length > 0) builder.Username = user;
        if (password is not null) builder.Password = password;

        foreach (var (key, val) in QueryPairs(uri))
        {
            // libpq spells a few keys differently from Npgsql; anything else must be a key Npgsql knows.
            var npgsqlKey = key.ToLowerInvariant() switch
            {
                "sslmode" => "SSL Mode",
                "connect_timeout" => "Timeout",
                "application_name" => "Application Name",
                _ => key,
            };
            try
            {
                builder[npgsqlKey] = npgsqlKey == "SSL Mode" ? NormaliseSslMode(val) : val;
            }
            catch (ArgumentException)
            {
                throw new FormatException($"unknown connection parameter '{key}'");
            }
        }

        if (string.IsNullOrEmpty(builder.Database)) throw new FormatException("the URL names no database (…/dbname)");
        return builder.ConnectionString;
    }

    public static string ToRedis(string value)
    {
        if (!IsUrl(value, "redis", "rediss"))
        {
            return StackExchange.Redis.ConfigurationOptions.Parse(value).ToString(includePassword: true);
        }

        var uri = new Uri(value);
        var options = new StackExchange.Redis.ConfigurationOptions
        {
            Ssl = uri.Scheme == "rediss",
            AbortOnConnectFail = false,
        };
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? 6379 : uri.Port);
        var (user, password) = SplitUserInfo(uri);
        if (user.Length > 0 && user != "default") options.User = user;
        if (!string.IsNullOrEmpty(password)) options.Password = password;

        var path = uri.AbsolutePath.Trim('/');
        if (path.Length > 0)
        {
            if (!int.TryParse(path, out var db) || db < 0) throw new FormatException($"'{path}' is not a database number");
            options.DefaultDatabase = db;
        }
        return options.ToString(includePassword: true);
    }

    private static bool IsUrl(string value, params string[] schemes) =>
        schemes.Any(s => value.StartsWith(s + "://", StringComparison.OrdinalIgnoreCase));

    private static (string User, string? Password) SplitUserInfo(Uri uri)
    {
        if (uri.UserInfo.Length == 0) return ("", null);
        var colon = uri.UserInfo.IndexOf(':');
        return colon < 0
            ? (Uri.UnescapeDataString(uri.UserInfo), null)
            : (Uri.UnescapeDataString(uri.UserInfo[..colon]), Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]));
    }

    private static IEnumerable<(string Key, string Value)> QueryPairs(Uri uri) =>
        uri.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => (Uri.UnescapeDataString(kv[0]), kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : ""));

    private static string NormaliseSslMode(string libpqMode) => libpqMode.ToLowerInvariant() switch
    {
        "disable" => "Disable",
        "allow" => "Allow",
        "prefer" => "Prefer",
        "require" => "Require",
        "verify-ca" => "VerifyCA",
        "verify-full" => "VerifyFull",
        _ => throw new FormatException($"sslmode '{libpqMode}' is not one of disable, allow, prefer, require, verify-ca, verify-full"),
    };
}
