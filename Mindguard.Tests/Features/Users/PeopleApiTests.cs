using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Users;

public sealed class PeopleApiFixture : AppFixture
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["API_RATE_LIMIT_PER_MINUTE"] = "1000";
}

public sealed class PeopleApiTests(PeopleApiFixture fixture) : IClassFixture<PeopleApiFixture>
{
    private MindguardApp App => fixture.App;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        return response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory]
    [InlineData("GET", "/api/users")]
    [InlineData("GET", "/api/invites")]
    [InlineData("POST", "/api/teams")]
    [InlineData("GET", "/api/teams")]
    [InlineData("PATCH", "/api/users/01a20000-0000-7000-8000-000000000000")]
    public async Task Employees_get_403_problem_details_on_admin_operations(string method, string path)
    {
        var org = await Org.SeedAsync(App);
        var employee = await org.EmployeeAsync(App);

        var response = await App.ClientWithKey(employee.ApiKey).SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { name = "x" }) });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Admins_manage_teams_and_managers_see_only_their_own()
    {
        var org = await Org.SeedAsync(App);
        var admin = App.ClientWithKey(org.Admin.ApiKey);

        var created = await JsonAsync(await admin.PostAsJsonAsync("/api/teams", new { name = "Support", timeZone = "America/New_York" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        await JsonAsync(await admin.PostAsJsonAsync("/api/teams", new { name = "Support" }), HttpStatusCode.Conflict);
        await JsonAsync(await admin.PostAsJsonAsync("/api/teams", new { name = "Bad", timeZone = "Mars/Olympus" }), HttpStatusCode.BadRequest);
        (await JsonAsync(await admin.PatchAsJsonAsync($"/api/teams/{id}", new { name = "Customer support" }), HttpStatusCode.OK))
            .GetProperty("name").GetString().ShouldBe("Customer support");

        var all = await JsonAsync(await admin.GetAsync("/api/teams"), HttpStatusCode.OK);
        all.GetProperty("items").GetArrayLength().ShouldBe(2);
        var mine = await JsonAsync(await App.ClientWithKey(org.Manager.ApiKey).GetAsync("/api/teams"), HttpStatusCode.OK);
        mine.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetGuid()).ShouldBe([org.TeamId]);

        await JsonAsync(await admin.DeleteAsync($"/api/teams/{id}"), HttpStatusCode.NoContent);
        await JsonAsync(await admin.DeleteAsync($"/api/teams/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_admin_of_one_organisation_cannot_touch_another()
    {
        var mine = await Org.SeedAsync(App);
        var theirs = await Org.SeedAsync(App);
        var stranger = await theirs.EmployeeAsync(App);
        var admin = App.ClientWithKey(mine.Admin.ApiKey);

        await JsonAsync(await admin.PatchAsJsonAsync($"/api/users/{stranger.Id}", new { role = "admin" }), HttpStatusCode.NotFound);
        await JsonAsync(await admin.PatchAsJsonAsync($"/api/users/{mine.Manager.Id}", new { teamId = theirs.TeamId }), HttpStatusCode.BadRequest);
        await JsonAsync(await admin.PostAsJsonAsync("/api/invites", new { teamId = theirs.TeamId }), HttpStatusCode.BadRequest);
        var listed = await JsonAsync(await admin.GetAsync("/api/users"), HttpStatusCode.OK);
        listed.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetGuid()).ShouldNotContain(stranger.Id);
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<string>("SELECT role FROM users WHERE id = @Id", stranger)).ShouldBe("employee");
        (await owner.ExecuteScalarAsync<Guid>("SELECT team_id FROM users WHERE id = @Id", mine.Manager)).ShouldBe(mine.TeamId);
    }

    [Fact]
    public async Task Reading_someones_profile_is_recorded_and_they_can_see_it()
    {
        var org = await Org.SeedAsync(App);
        var employee = await org.EmployeeAsync(App);

        await JsonAsync(await App.ClientWithKey(org.Admin.ApiKey).GetAsync($"/api/users?teamId={org.TeamId}"), HttpStatusCode.OK);
        var log = await JsonAsync(await App.ClientWithKey(employee.ApiKey).GetAsync("/api/me/access-log"), HttpStatusCode.OK);

        var entry = log.GetProperty("items").EnumerateArray().Single();
        entry.GetProperty("readerRole").GetString().ShouldBe("admin");
        entry.GetProperty("what").GetString().ShouldBe("profile");
        var adminOwnLog = await JsonAsync(await App.ClientWithKey(org.Admin.ApiKey).GetAsync("/api/me/access-log"), HttpStatusCode.OK);
        adminOwnLog.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Admins_change_roles_and_deactivate_but_not_themselves()
    {
        var org = await Org.SeedAsync(App);
        var employee = await org.EmployeeAsync(App);
        var admin = App.ClientWithKey(org.Admin.ApiKey);

        (await JsonAsync(await admin.PatchAsJsonAsync($"/api/users/{employee.Id}", new { role = "manager" }), HttpStatusCode.OK))
            .GetProperty("role").GetString().ShouldBe("manager");
        await JsonAsync(await admin.PatchAsJsonAsync($"/api/users/{employee.Id}", new { active = false }), HttpStatusCode.OK);
        await JsonAsync(await admin.PatchAsJsonAsync($"/api/users/{org.Admin.Id}", new { role = "employee" }), HttpStatusCode.BadRequest);
        await JsonAsync(await admin.PatchAsJsonAsync($"/api/users/{employee.Id}", new { role = "owner" }), HttpStatusCode.BadRequest);

        (await App.ClientWithKey(employee.ApiKey).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Settings_change_over_the_api_and_bad_values_get_field_errors()
    {
        var org = await Org.SeedAsync(App);
        var employee = App.ClientWithKey((await org.EmployeeAsync(App)).ApiKey);
        var until = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd");

        var changed = await JsonAsync(await employee.PatchAsJsonAsync("/api/me/settings",
            new { language = "en", timeZone = "Asia/Tokyo", checkinTime = "07:45", weekdaysOnly = true, cadence = "every3days", pausedUntil = until }), HttpStatusCode.OK);
        changed.GetProperty("timeZone").GetString().ShouldBe("Asia/Tokyo");
        changed.GetProperty("pausedUntil").GetString().ShouldBe(until);
        var me = await JsonAsync(await employee.GetAsync("/api/me"), HttpStatusCode.OK);
        me.GetProperty("checkinTime").GetString().ShouldBe("07:45");
        me.GetProperty("cadence").GetString().ShouldBe("every3days");
        (await JsonAsync(await employee.PatchAsJsonAsync("/api/me/settings", new { pausedUntil = "" }), HttpStatusCode.OK))
            .GetProperty("pausedUntil").ValueKind.ShouldBe(JsonValueKind.Null);

        var bad = await JsonAsync(await employee.PatchAsJsonAsync("/api/me/settings",
            new { language = "de", timeZone = "Nowhere/Town", checkinTime = "25:00", cadence = "hourly" }), HttpStatusCode.BadRequest);
        var errors = bad.GetProperty("errors").ToString();
        foreach (var field in new[] { "language", "timeZone", "checkinTime", "cadence" }) errors.ShouldContain(field);
        (await JsonAsync(await employee.GetAsync("/api/me"), HttpStatusCode.OK)).GetProperty("language").GetString().ShouldBe("en");
        await JsonAsync(await employee.PatchAsJsonAsync("/api/me/settings", new { pausedUntil = "2001-01-01" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Api_keys_are_shown_once_listed_by_prefix_and_stop_working_when_revoked()
    {
        var org = await Org.SeedAsync(App);
        var employee = await org.EmployeeAsync(App);
        var client = App.ClientWithKey(employee.ApiKey);

        var created = await JsonAsync(await client.PostAsJsonAsync("/api/api-keys", new { name = "script" }), HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;
        (await App.ClientWithKey(key).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var listed = await JsonAsync(await client.GetAsync("/api/api-keys"), HttpStatusCode.OK);
        listed.ToString().ShouldNotContain(key);
        listed.GetProperty("items").GetArrayLength().ShouldBe(2);
        await JsonAsync(await client.PostAsJsonAsync("/api/api-keys", new { name = "theft", userId = org.Manager.Id }), HttpStatusCode.Forbidden);

        await JsonAsync(await client.DeleteAsync($"/api/api-keys/{created.GetProperty("id").GetGuid()}"), HttpStatusCode.NoContent);
        (await App.ClientWithKey(key).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Export_and_delete_over_the_api()
    {
        var org = await Org.SeedAsync(App);
        var employee = await org.EmployeeAsync(App);
        var client = App.ClientWithKey(employee.ApiKey);

        var export = await JsonAsync(await client.GetAsync("/api/me/export"), HttpStatusCode.OK);
        export.GetProperty("profile").GetProperty("id").GetGuid().ShouldBe(employee.Id);

        await JsonAsync(await client.DeleteAsync("/api/me"), HttpStatusCode.NoContent);
        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE id = @Id", employee)).ShouldBe(0);
    }

    [Fact]
    public async Task Lists_are_paginated_with_a_cursor()
    {
        var org = await Org.SeedAsync(App);
        for (var i = 0; i < 3; i++) await org.EmployeeAsync(App);
        var admin = App.ClientWithKey(org.Admin.ApiKey);

        var first = await JsonAsync(await admin.GetAsync("/api/users?limit=2"), HttpStatusCode.OK);
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await JsonAsync(await admin.GetAsync($"/api/users?limit=2&cursor={cursor}"), HttpStatusCode.OK);
        var third = await JsonAsync(await admin.GetAsync($"/api/users?limit=2&cursor={second.GetProperty("nextCursor").GetString()}"), HttpStatusCode.OK);

        var ids = new[] { first, second, third }.SelectMany(p => p.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetGuid())).ToList();
        ids.Count.ShouldBe(5);
        ids.Distinct().Count().ShouldBe(5);
        third.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        await JsonAsync(await admin.GetAsync("/api/users?limit=0"), HttpStatusCode.BadRequest);
        await JsonAsync(await admin.GetAsync("/api/users?cursor=%%%"), HttpStatusCode.BadRequest);
    }
}

public sealed class RateLimitTests : AppsTestBase
{
    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_retry_after_and_other_keys_are_unaffected()
    {
        var app = await StartAppAsync(s => s["API_RATE_LIMIT_PER_MINUTE"] = "3");
        var org = await Org.SeedAsync(app);
        var busy = app.ClientWithKey(org.Manager.ApiKey);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await busy.GetAsync("/api/me")).StatusCode);
        var limited = await busy.GetAsync("/api/me");

        statuses.Count(s => s == HttpStatusCode.OK).ShouldBeLessThanOrEqualTo(3);
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(limited.Headers.GetValues("Retry-After").Single()).ShouldBeInRange(1, 60);
        (await limited.Content.ReadAsStringAsync()).ShouldContain("\"status\":429");
        (await app.ClientWithKey(org.Admin.ApiKey).GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
