using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Mindguard.Infrastructure.Database;
using StackExchange.Redis;

namespace Mindguard.Infrastructure.Security;

/// <summary>
/// <c>Authorization: Bearer mg_live_…</c>. The key is looked up by its SHA-256 and acts with its
/// owner's role. Lookups are cached briefly in Redis, sealed by <see cref="AuthCacheSeal"/> so a write
/// to Redis cannot grant a role; revoking a key removes its cache entry.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    NpgsqlDataSource db, IDatabase redis, AuthCacheSeal seal)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string OrganisationClaim = "org";
    /// <summary>Identifies the key (a prefix of its hash, not the key) for per-key rate limits.</summary>
    public const string KeyClaim = "kid";
    /// <summary>One claim per scope a service account holds (see <see cref="ServiceScopes"/>); people have none.</summary>
    public const string ScopeClaim = "scope";
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(60);
    private static readonly string LookupSql = Sql.Load<ApiKeyAuthentication>("LookupApiKey");

    public static string CacheKey(string keyHash) => $"auth:key:{keyHash}";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = PresentedKey(Request.Headers.Authorization.ToString());
        if (presented is null) return AuthenticateResult.NoResult();
        if (!ApiKeys.HasValidShape(presented)) return AuthenticateResult.Fail("Malformed API key");

        var hash = ApiKeys.Hash(presented);
        var owner = await LookupAsync(hash, Context.RequestAborted);
        if (owner is null) return AuthenticateResult.Fail("Unknown or revoked API key");

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, owner.UserId.ToString()),
            new Claim(OrganisationClaim, owner.OrganisationId.ToString()),
            new Claim(ClaimTypes.Role, owner.Role),
            new Claim(KeyClaim, hash[..16]),
            .. owner.Scopes.Select(scope => new Claim(ScopeClaim, scope)),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status401Unauthorized, "Unauthorized",
            "Send an API key as 'Authorization: Bearer mg_live_…'. Managers and admins get one with /apikey in the bot.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Forbidden", "Your role does not allow this operation.");

    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: status, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { ["traceId"] = System.Diagnostics.Activity.Current?.Id ?? Context.TraceIdentifier })
            .ExecuteAsync(Context);
    }

    // Basic auth carries the key as its password: the only way a browser can reach the /jobs dashboard.
    private static string? PresentedKey(string header)
    {
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header[7..].Trim();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private async Task<KeyOwner?> LookupAsync(string hash, CancellationToken ct)
    {
        var cached = await TryCacheAsync(() => redis.StringGetAsync(CacheKey(hash)));
        if (cached is { IsNullOrEmpty: false } hit && seal.Open(hash, hit!) is { } verified) return KeyOwner.Parse(verified);

        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var owner = await session.Connection.QuerySingleOrDefaultAsync<KeyOwner>(session.Command(LookupSql, new { hash }, ct));
        if (owner is not null) await TryCacheAsync(() => redis.StringSetAsync(CacheKey(hash), seal.Seal(hash, owner.ToString()), CacheFor));
        return owner;
    }

    // The cache is an optimisation: with Redis down, keys still work straight from PostgreSQL.
    private static async Task<T?> TryCacheAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return default;
        }
    }

    // Init properties, not a positional record: Dapper matches a text[] column to no constructor parameter.
    private sealed record KeyOwner
    {
        public Guid UserId { get; init; }
        public Guid OrganisationId { get; init; }
        public string Role { get; init; } = "";
        public string[] Scopes { get; init; } = [];

        public override string ToString() => $"{UserId}|{OrganisationId}|{Role}|{string.Join(',', Scopes)}";

        public static KeyOwner Parse(string value)
        {
            var parts = value.Split('|');
            string[] scopes = parts.Length > 3 ? parts[3].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
            return new KeyOwner { UserId = Guid.Parse(parts[0]), OrganisationId = Guid.Parse(parts[1]), Role = parts[2], Scopes = scopes };
        }
    }
}
