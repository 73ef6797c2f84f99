using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Http;

public sealed class SecurityHeadersFixture : AppFixture;

public sealed class SecurityHeadersTests(SecurityHeadersFixture fixture) : IClassFixture<SecurityHeadersFixture>
{
    private MindguardApp App => fixture.App;

    [Theory]
    [InlineData("GET", "/health/live")]
    [InlineData("GET", "/api/me")]
    [InlineData("GET", "/no/such/page")]
    [InlineData("POST", "/telegram/webhook")]
    [InlineData("GET", "/jobs")]
    [InlineData("GET", "/openapi/v1.json")]
    public async Task Every_response_says_nosniff_and_no_referrer(string method, string path)
    {
        var response = await App.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
    }

    [Fact]
    public async Task The_api_explorer_allows_only_its_own_scripts_and_still_loads_them()
    {
        var page = await App.Http.GetAsync("/scalar/v1");
        var html = await page.Content.ReadAsStringAsync();

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csp = Directives(page);
        csp["script-src"].ShouldNotContain("'unsafe-inline'");
        csp["script-src"].ShouldNotContain("*");
        csp["frame-ancestors"].ShouldBe(["'none'"]);
        csp["default-src"].ShouldBe(["'self'"]);
        html.ShouldNotContain("fonts.scalar.com");
        // The page's inline start-up module runs only because its hash is in the policy; its bundles come from here.
        var inline = Regex.Matches(html, "<script type=\"module\">(.*?)</script>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        inline.ShouldNotBeEmpty();
        foreach (var script in inline)
            csp["script-src"].ShouldContain($"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(script)))}'");
        foreach (Match src in Regex.Matches(html, "<script[^>]*src=\"([^\"]+)\""))
        {
            src.Groups[1].Value.ShouldNotContain("//");
            var bundle = await App.Http.GetAsync(new Uri(new Uri("http://localhost/scalar/v1"), src.Groups[1].Value));
            bundle.StatusCode.ShouldBe(HttpStatusCode.OK, src.Groups[1].Value);
            bundle.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript", src.Groups[1].Value);
        }
    }

    [Fact]
    public async Task The_jobs_dashboard_allows_only_its_own_scripts_and_still_loads_them()
    {
        var admin = await AdminAsync();

        var page = await GetWithBasicAsync("/jobs", admin.ApiKey);
        var html = await page.Content.ReadAsStringAsync();

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var csp = Directives(page);
        csp["script-src"].ShouldBe(["'self'"]);
        csp["frame-ancestors"].ShouldBe(["'none'"]);
        csp["form-action"].ShouldBe(["'self'"]);
        Regex.IsMatch(html, "<script(?![^>]*src=)[^>]*>").ShouldBeFalse("the dashboard has no inline script the policy would block");
        var assets = Regex.Matches(html, "<(?:script|link)[^>]*(?:src|href)=\"(/jobs/[^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        assets.ShouldNotBeEmpty();
        foreach (var asset in assets) (await GetWithBasicAsync(asset, admin.ApiKey)).StatusCode.ShouldBe(HttpStatusCode.OK, asset);
    }

    private static Dictionary<string, string[]> Directives(HttpResponseMessage response) =>
        response.Headers.GetValues("Content-Security-Policy").Single()
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..]);

    private async Task<TestUser> AdminAsync()
    {
        await using var owner = await App.OwnerConnectionAsync();
        return await TestData.UserAsync(owner, await DefaultOrganisation.EnsureAsync(owner), role: "admin");
    }

    private Task<HttpResponseMessage> GetWithBasicAsync(string path, string apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + apiKey)));
        return App.Http.SendAsync(request);
    }
}
