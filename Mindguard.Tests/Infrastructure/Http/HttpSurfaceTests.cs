using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Http;

public sealed class HttpFixture : AppFixture;

public sealed class HttpSurfaceTests(HttpFixture fixture) : IClassFixture<HttpFixture>
{
    private MindguardApp App => fixture.App;

    private async Task<TestUser> PersonAsync(string role)
    {
        await using var owner = await App.OwnerConnectionAsync();
        var org = await TestData.OrganisationAsync(owner);
        return await TestData.UserAsync(owner, org, role: role);
    }

    [Fact]
    public async Task Liveness_and_readiness_report_each_dependency()
    {
        (await App.Http.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var ready = await Eventually.HoldsAsync(() => App.Http.GetAsync("/health/ready"), r => r.IsSuccessStatusCode, "readiness");
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks");
        foreach (var name in new[] { "postgresql", "redis", "jobs", "telegram" })
        {
            checks.GetProperty(name).GetProperty("status").GetString().ShouldBe("Healthy");
        }
        checks.GetProperty("telegram").GetProperty("data").GetProperty("mode").GetString().ShouldBe("webhook");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api_key_scheme_and_the_endpoints()
    {
        var response = await App.Http.GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var scheme = doc.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        scheme.GetProperty("scheme").GetString().ShouldBe("bearer");
        var me = doc.RootElement.GetProperty("paths").GetProperty("/api/me").GetProperty("get");
        me.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
        me.GetProperty("security").GetArrayLength().ShouldBeGreaterThan(0);
        doc.RootElement.GetProperty("paths").TryGetProperty("/telegram/webhook", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Every_operation_has_a_summary_its_security_and_problem_details_answers()
    {
        using var doc = JsonDocument.Parse(await App.Http.GetStringAsync("/openapi/v1.json"));

        doc.RootElement.GetProperty("info").TryGetProperty("license", out _).ShouldBeTrue();
        var operations = doc.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (Name: $"{op.Name.ToUpperInvariant()} {path.Name}", Op: op.Value))).ToList();
        operations.Count.ShouldBeGreaterThan(15);
        foreach (var (name, op) in operations)
        {
            op.TryGetProperty("summary", out var summary).ShouldBeTrue(name);
            summary.GetString().ShouldNotBeNullOrWhiteSpace(name);
            op.GetProperty("security").GetArrayLength().ShouldBeGreaterThan(0, name);
            var problems = op.GetProperty("responses").EnumerateObject()
                .Where(r => r.Name.StartsWith('4') && r.Value.TryGetProperty("content", out var c) && c.TryGetProperty("application/problem+json", out _));
            problems.ShouldNotBeEmpty(name);
        }
    }

    [Fact]
    public async Task Every_documented_4xx_answer_is_problem_details()
    {
        using var doc = JsonDocument.Parse(await App.Http.GetStringAsync("/openapi/v1.json"));

        var answers = (from path in doc.RootElement.GetProperty("paths").EnumerateObject()
                       from op in path.Value.EnumerateObject()
                       from response in op.Value.GetProperty("responses").EnumerateObject()
                       where response.Name.StartsWith('4')
                       select (Name: $"{response.Name} of {op.Name.ToUpperInvariant()} {path.Name}", Response: response.Value)).ToList();

        answers.Count.ShouldBeGreaterThan(100);
        answers.Where(a => !(a.Response.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _)))
            .Select(a => a.Name).ShouldBeEmpty();
    }

    [Fact]
    public async Task Scalar_serves_the_api_explorer_pointed_at_our_document()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true });

        var response = await client.GetAsync("/scalar");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("openapi/v1.json");
        html.ShouldContain("Mindguard API");
    }

    [Fact]
    public async Task Without_a_key_the_api_answers_401_as_problem_details()
    {
        var response = await App.Http.GetAsync("/api/me");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(401);
        problem.RootElement.TryGetProperty("traceId", out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("mg_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-key")]
    public async Task Unknown_or_malformed_keys_are_401(string key)
    {
        (await App.ClientWithKey(key).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_valid_key_acts_as_its_owner()
    {
        var person = await PersonAsync("employee");

        var me = await App.ClientWithKey(person.ApiKey).GetFromJsonAsync<JsonElement>("/api/me");

        me.GetProperty("id").GetGuid().ShouldBe(person.Id);
        me.GetProperty("role").GetString().ShouldBe("employee");
        me.GetProperty("language").GetString().ShouldBe("uk");
        me.GetProperty("timeZone").GetString().ShouldBe("Europe/Kyiv");
        me.GetProperty("checkinTime").GetString().ShouldBe("10:00");
    }

    [Fact]
    public async Task A_revoked_key_stops_working()
    {
        var person = await PersonAsync("employee");
        await using var owner = await App.OwnerConnectionAsync();
        await owner.ExecuteAsync("UPDATE api_keys SET revoked_at = now() WHERE user_id = @Id", person);

        (await App.ClientWithKey(person.ApiKey).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_jobs_dashboard_asks_for_credentials_and_admits_only_admins()
    {
        var employee = await PersonAsync("employee");
        var admin = await PersonAsync("admin");

        var anonymous = await App.Http.GetAsync("/jobs");
        var asEmployee = await GetWithBasicAsync("/jobs", employee.ApiKey);
        var asAdmin = await GetWithBasicAsync("/jobs", admin.ApiKey);

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ToString().ShouldStartWith("Basic");
        asEmployee.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        asAdmin.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await asAdmin.Content.ReadAsStringAsync()).ShouldContain("Mindguard jobs");
    }

    [Fact]
    public async Task The_clean_up_job_is_registered_with_its_schedule()
    {
        var admin = await PersonAsync("admin");

        var page = await GetWithBasicAsync("/jobs/recurring", admin.ApiKey);

        (await page.Content.ReadAsStringAsync()).ShouldContain("CleanUp");
    }

    private Task<HttpResponseMessage> GetWithBasicAsync(string path, string apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + apiKey)));
        return App.Http.SendAsync(request);
    }
}
