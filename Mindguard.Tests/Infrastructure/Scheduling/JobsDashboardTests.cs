using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Infrastructure.Scheduling;

public sealed class JobsDashboardTests : AppsTestBase
{
    private const string OperatorKey = "operator-key-0123456789abcdef0123456789abcdef";

    [Fact]
    public async Task An_admin_of_another_organisation_sees_the_jobs_read_only_and_cannot_trigger_or_delete_them()
    {
        var app = await StartAppAsync();
        var otherAdmin = await PersonAsync(app, "admin", defaultOrganisation: false);
        var dashboard = await DashboardAsync(app, otherAdmin.ApiKey);

        dashboard.Page.ShouldContain("CleanUp");
        dashboard.Page.ShouldNotContain("recurring/trigger");
        dashboard.Page.ShouldNotContain("recurring/remove");
        (await dashboard.PostAsync("/jobs/recurring/trigger", "CleanUp")).IsSuccessStatusCode.ShouldBeFalse();
        (await dashboard.PostAsync("/jobs/recurring/remove", "CleanUp")).IsSuccessStatusCode.ShouldBeFalse();

        (await RecurringJobsAsync(app)).ShouldContain("CleanUp");
        (await EnqueuedCleanUpsAsync(app)).ShouldBe(0);
    }

    [Fact]
    public async Task Without_operator_keys_an_admin_of_the_default_organisation_operates_the_jobs_with_an_antiforgery_token()
    {
        var app = await StartAppAsync();
        var admin = await PersonAsync(app, "admin", defaultOrganisation: true);
        var dashboard = await DashboardAsync(app, admin.ApiKey);

        dashboard.Page.ShouldContain("recurring/trigger");
        (await dashboard.PostAsync("/jobs/recurring/trigger", "CleanUp", withToken: false)).IsSuccessStatusCode.ShouldBeFalse();
        (await EnqueuedCleanUpsAsync(app)).ShouldBe(0);
        (await dashboard.PostAsync("/jobs/recurring/trigger", "CleanUp")).IsSuccessStatusCode.ShouldBeTrue();

        (await EnqueuedCleanUpsAsync(app)).ShouldBe(1);
    }

    [Fact]
    public async Task With_operator_keys_only_an_operator_acts_and_every_admin_only_looks()
    {
        var app = await StartAppAsync(s => s["MINDGUARD_OPERATOR_KEYS"] = "another-operator-key-that-is-long-enough-x, " + OperatorKey);
        var defaultAdmin = await PersonAsync(app, "admin", defaultOrganisation: true);
        var employee = await PersonAsync(app, "employee", defaultOrganisation: true);
        var asAdmin = await DashboardAsync(app, defaultAdmin.ApiKey);
        var asOperator = await DashboardAsync(app, OperatorKey);

        (await asAdmin.PostAsync("/jobs/recurring/remove", "CleanUp")).IsSuccessStatusCode.ShouldBeFalse();
        (await RecurringJobsAsync(app)).ShouldContain("CleanUp");
        (await GetWithBasicAsync(app.CreateClient(), "/jobs", employee.ApiKey)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await GetWithBasicAsync(app.CreateClient(), "/jobs", OperatorKey[..^1] + "X")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.ClientWithKey(OperatorKey).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        asOperator.Page.ShouldContain("recurring/remove");
        (await asOperator.PostAsync("/jobs/recurring/remove", "CleanUp")).IsSuccessStatusCode.ShouldBeTrue();
        (await RecurringJobsAsync(app)).ShouldNotContain("CleanUp");
    }

    [Fact]
    public async Task A_short_operator_key_stops_start_up_with_a_message_naming_the_variable()
    {
        var error = await Should.ThrowAsync<Exception>(() => StartAppAsync(s => s["MINDGUARD_OPERATOR_KEYS"] = "short"));

        error.ToString().ShouldContain("MINDGUARD_OPERATOR_KEYS");
    }

    private sealed record Dashboard(HttpClient Client, string Password, string Page, string? TokenHeader, string? Token)
    {
        public Task<HttpResponseMessage> PostAsync(string path, string job, bool withToken = true)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([new("jobs[]", job)]) };
            request.Headers.Authorization = Basic(Password);
            if (withToken) request.Headers.Add(TokenHeader!, Token);
            return Client.SendAsync(request);
        }
    }

    /// <summary>What a browser holds after opening the recurring jobs page: its cookies and the page's antiforgery token.</summary>
    private static async Task<Dashboard> DashboardAsync(MindguardApp app, string password)
    {
        var client = app.CreateClient();
        var response = await GetWithBasicAsync(client, "/jobs/recurring", password);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.Content.ReadAsStringAsync();
        string? Meta(string name) => Regex.Match(page, $"<meta name=\"{name}\" content=\"([^\"]*)\"") is { Success: true } m ? m.Groups[1].Value : null;
        return new Dashboard(client, password, page, Meta("csrf-header"), Meta("csrf-token"));
    }

    private static Task<HttpResponseMessage> GetWithBasicAsync(HttpClient client, string path, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = Basic(password);
        return client.SendAsync(request);
    }

    private static AuthenticationHeaderValue Basic(string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("someone:" + password)));

    private static async Task<TestUser> PersonAsync(MindguardApp app, string role, bool defaultOrganisation)
    {
        await using var owner = await app.OwnerConnectionAsync();
        var defaultOrg = await DefaultOrganisation.EnsureAsync(owner);
        return await TestData.UserAsync(owner, defaultOrganisation ? defaultOrg : await TestData.OrganisationAsync(owner), role: role);
    }

    private static async Task<List<string>> RecurringJobsAsync(MindguardApp app)
    {
        await using var owner = await app.OwnerConnectionAsync();
        return (await owner.QueryAsync<string>("SELECT value FROM hangfire.set WHERE key = 'recurring-jobs'")).ToList();
    }

    private static async Task<long> EnqueuedCleanUpsAsync(MindguardApp app)
    {
        await using var owner = await app.OwnerConnectionAsync();
        return await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%CleanUpJob%'");
    }
}
