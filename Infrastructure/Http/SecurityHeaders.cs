using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Mindguard.Infrastructure.Http;

/// <summary>
/// <c>X-Content-Type-Options: nosniff</c> and <c>Referrer-Policy: no-referrer</c> on every response, and a
/// Content-Security-Policy for the two HTML pages we serve: the Scalar explorer and the Hangfire dashboard.
/// Both load only their own bundles from this origin (Scalar's web fonts are switched off), so scripts
/// are limited to 'self'. Scalar's page starts its bundle with one small inline module whose text depends
/// on the configuration and the request path, so that page is buffered (it is under 1 KB) and each inline
/// script is allowed by its SHA-256 rather than by 'unsafe-inline'. Inline styles stay allowed on both
/// pages: Scalar's Vue components and Hangfire's charts set them, and a style cannot run code.
/// </summary>
public sealed partial class SecurityHeaders(RequestDelegate next)
{
    public const string ScalarPath = "/scalar";
    public const string JobsPath = "/jobs";

    private const string Common = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    public const string JobsPolicy = Common + "; script-src 'self'";

    public async Task InvokeAsync(HttpContext context)
    {
        string? policy = context.Request.Path.StartsWithSegments(JobsPath) ? JobsPolicy : null;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (policy is not null) headers.ContentSecurityPolicy = policy;
            return Task.CompletedTask;
        });
        if (!IsScalarPage(context.Request.Path))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }
        policy = Common + "; script-src 'self'" + InlineScriptHashes(buffer.ToArray(), context.Response.ContentType);
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary>The HTML page itself (<c>/scalar</c>, <c>/scalar/v1</c>), not its scripts and images.</summary>
    private static bool IsScalarPage(PathString path) =>
        path.StartsWithSegments(ScalarPath, out var rest) && !rest.Value!.Contains('.');

    private static string InlineScriptHashes(byte[] body, string? contentType)
    {
        if (contentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) != true) return "";
        var hashes = new StringBuilder();
        foreach (Match m in InlineScript().Matches(Encoding.UTF8.GetString(body)))
            hashes.Append(" 'sha256-").Append(Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value)))).Append('\'');
        return hashes.ToString();
    }

    /// <summary>A script element without a src attribute, and its text.</summary>
    [GeneratedRegex("""<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();
}
