using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mindguard.Features.Alerts;
using Mindguard.Features.Checkin.Jobs;
using Mindguard.Features.Status.Periods;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Users;

public sealed class ServiceAccountFixture : AppFixture
{
    protected override void Configure(Dictionary<string, string?> settings) => settings["MINDGUARD_WEBHOOK_ALLOW_PRIVATE"] = "true";
    public static CapturedLogs Logs { get; } = new();
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
}

/// <summary>Integrations get service accounts (issue 16): everything here goes through the API with the key they are given.</summary>
public sealed class ServiceAccountTests(ServiceAccountFixture fixture) : IClassFixture<ServiceAccountFixture>
{
    private static readonly string[] AllScopes = ["aggregates:read", "alerts:read", "alerts:write", "webhooks:manage"];

    private MindguardApp App => fixture.App;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected, string? because = null)
    {
        response.StatusCode.ShouldBe(expected, $"{because} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {await response.Content.ReadAsStringAsync()} {string.Join("\n", ServiceAccountFixture.Logs.Lines.Where(l => l.StartsWith("Error")))}");
        if (expected >= HttpStatusCode.BadRequest) response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<(Guid Id, HttpClient Client)> CreateAsync(Org org, string name, params string[] scopes)
    {
        var created = await JsonAsync(await App.ClientWithKey(org.Admin.ApiKey).PostAsJsonAsync("/api/integrations", new { name, scopes }), HttpStatusCode.Created);
        return (created.GetProperty("id").GetGuid(), App.ClientWithKey(created.GetProperty("key").GetString()!));
    }

    private async Task<List<JsonElement>> AuditAsync(Org org)
    {
        var page = await JsonAsync(await App.ClientWithKey(org.Admin.ApiKey).GetAsync("/api/org/audit-log?limit=200"), HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    private async Task<Guid> RaiseAlertAsync(Org org)
    {
        var person = await org.EmployeeAsync(App);
        await App.GiveDataKeyAsync(person);
        await App.SeedDaysAsync(person, 20, q => q.Options.Count - 1);
        await App.Services.GetRequiredService<EvaluateAlertsJob>().RunAsync(CancellationToken.None);
        await using var owner = await App.OwnerConnectionAsync();
        return await owner.ExecuteScalarAsync<Guid>("SELECT id FROM alerts WHERE user_id = @Id", person);
    }

    [Fact]
    public async Task An_admin_creates_lists_and_revokes_a_service_account_and_its_key_stops_working_at_once()
    {
        var org = await Org.SeedAsync(App);
        var admin = App.ClientWithKey(org.Admin.ApiKey);
        var created = await JsonAsync(await admin.PostAsJsonAsync("/api/integrations", new { name = "HR dashboard", scopes = new[] { "alerts:read" } }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        created.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ShouldBe(["alerts:read"]);
        var service = App.ClientWithKey(created.GetProperty("key").GetString()!);
        await JsonAsync(await service.GetAsync("/api/alerts"), HttpStatusCode.OK);

        var listed = (await JsonAsync(await admin.GetAsync("/api/integrations"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray().Single();
        listed.GetProperty("id").GetGuid().ShouldBe(id);
        listed.GetProperty("name").GetString().ShouldBe("HR dashboard");
        listed.GetProperty("active").GetBoolean().ShouldBeTrue();
        listed.TryGetProperty("key", out _).ShouldBeFalse("a key is shown once, at creation");
        // It is no person: not in the people list, and PATCH /api/users cannot make it one.
        (await JsonAsync(await admin.GetAsync("/api/users?limit=200"), HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Select(p => p.GetProperty("id").GetGuid()).ShouldNotContain(id);
        await JsonAsync(await admin.PatchAsJsonAsync($"/api/users/{id}", new { role = "admin" }), HttpStatusCode.NotFound);

        await JsonAsync(await admin.DeleteAsync($"/api/integrations/{id}"), HttpStatusCode.NoContent);
        await JsonAsync(await service.GetAsync("/api/alerts"), HttpStatusCode.Unauthorized, "a revoked account's key");
        (await JsonAsync(await admin.GetAsync("/api/integrations"), HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("active").GetBoolean().ShouldBeFalse();
        await JsonAsync(await admin.DeleteAsync($"/api/integrations/{id}"), HttpStatusCode.NoContent);
        await JsonAsync(await admin.DeleteAsync($"/api/integrations/{org.Manager.Id}"), HttpStatusCode.NotFound, "a person is no integration");

        var audit = await AuditAsync(org);
        var createdEntry = audit.Single(e => e.GetProperty("action").GetString() == "integration.created");
        createdEntry.GetProperty("actorId").GetGuid().ShouldBe(org.Admin.Id);
        createdEntry.GetProperty("targetId").GetGuid().ShouldBe(id);
        audit.Count(e => e.GetProperty("action").GetString() == "integration.revoked" && e.GetProperty("targetId").GetGuid() == id).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Only_an_admin_creates_or_lists_service_accounts_and_only_with_known_scopes()
    {
        var org = await Org.SeedAsync(App);
        var employee = await org.EmployeeAsync(App);
        foreach (var key in new[] { org.Manager.ApiKey, employee.ApiKey })
        {
            await JsonAsync(await App.ClientWithKey(key).PostAsJsonAsync("/api/integrations", new { name = "mine", scopes = new[] { "alerts:read" } }), HttpStatusCode.Forbidden);
            await JsonAsync(await App.ClientWithKey(key).GetAsync("/api/integrations"), HttpStatusCode.Forbidden);
        }
        var admin = App.ClientWithKey(org.Admin.ApiKey);
        await JsonAsync(await admin.PostAsJsonAsync("/api/integrations", new { name = "x", scopes = new[] { "people:write" } }), HttpStatusCode.BadRequest);
        await JsonAsync(await admin.PostAsJsonAsync("/api/integrations", new { name = "x", scopes = Array.Empty<string>() }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_service_account_has_no_person_data_and_cannot_act_on_people_keys_or_the_audit_log()
    {
        var org = await Org.SeedAsync(App);
        var (id, service) = await CreateAsync(org, "everything", AllScopes);
        var key = (await JsonAsync(await App.ClientWithKey(org.Admin.ApiKey).GetAsync($"/api/api-keys?userId={id}"), HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();

        var refused = new List<HttpRequestMessage>
        {
            new(HttpMethod.Get, "/api/me"), new(HttpMethod.Get, "/api/me/checkins"), new(HttpMethod.Get, "/api/me/export"),
            new(HttpMethod.Get, "/api/me/status"), new(HttpMethod.Get, "/api/me/access-log"), new(HttpMethod.Get, "/api/me/voice-notes"),
            new(HttpMethod.Delete, "/api/me"),
            new(HttpMethod.Post, "/api/api-keys") { Content = JsonContent.Create(new { name = "more" }) },
            new(HttpMethod.Get, "/api/api-keys"), new(HttpMethod.Delete, $"/api/api-keys/{key}"),
            new(HttpMethod.Get, "/api/users"),
            new(HttpMethod.Patch, $"/api/users/{org.Manager.Id}") { Content = JsonContent.Create(new { role = "employee" }) },
            new(HttpMethod.Delete, $"/api/users/{org.Manager.Id}"),
            new(HttpMethod.Get, "/api/org/audit-log"),
            new(HttpMethod.Post, "/api/integrations") { Content = JsonContent.Create(new { name = "child", scopes = AllScopes }) },
            new(HttpMethod.Get, "/api/integrations"), new(HttpMethod.Delete, $"/api/integrations/{id}"),
            new(HttpMethod.Get, "/api/org/safety"), new(HttpMethod.Get, "/api/wall/posts"), new(HttpMethod.Get, "/api/teams"),
        };
        foreach (var request in refused)
            await JsonAsync(await service.SendAsync(request), HttpStatusCode.Forbidden);

        // Nothing of the above happened: the manager is still a manager and the account still works.
        var manager = (await JsonAsync(await App.ClientWithKey(org.Admin.ApiKey).GetAsync("/api/users?limit=200"), HttpStatusCode.OK)).GetProperty("items")
            .EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == org.Manager.Id);
        manager.GetProperty("role").GetString().ShouldBe("manager");
        await JsonAsync(await service.GetAsync("/api/alerts"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task Each_scope_opens_its_endpoints_and_nothing_else_and_acts_are_attributed_to_the_service_account()
    {
        var org = await Org.SeedAsync(App);
        var alert = await RaiseAlertAsync(org);
        var accounts = new Dictionary<string, (Guid Id, HttpClient Client)>();
        foreach (var scope in AllScopes) accounts[scope] = await CreateAsync(org, scope, scope);
        var hook = (await JsonAsync(await App.ClientWithKey(org.Admin.ApiKey).PostAsJsonAsync("/api/webhooks",
            new { url = "https://127.0.0.1:9/hook", events = new[] { "alert.raised" } }), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        // Reads and refused writes first, so a write that is wrongly allowed cannot hide behind another.
        var reads = new (string Scope, string Path)[]
        {
            ("aggregates:read", "/api/org/aggregates"), ("aggregates:read", $"/api/teams/{org.TeamId}/aggregates"),
            ("alerts:read", "/api/alerts"), ("alerts:read", $"/api/alerts/{alert}"),
            ("webhooks:manage", "/api/webhooks"), ("webhooks:manage", $"/api/webhooks/{hook}/deliveries"),
        };
        foreach (var (scope, path) in reads)
        foreach (var (held, account) in accounts)
            await JsonAsync(await account.Client.GetAsync(path), held == scope ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"{held} on {path}");
        foreach (var (held, account) in accounts.Where(a => a.Key != "alerts:write"))
        {
            await JsonAsync(await account.Client.PostAsync($"/api/alerts/{alert}/acknowledge", null), HttpStatusCode.Forbidden, held);
            await JsonAsync(await account.Client.PostAsync($"/api/alerts/{alert}/resolve", null), HttpStatusCode.Forbidden, held);
        }
        foreach (var (held, account) in accounts.Where(a => a.Key != "webhooks:manage"))
        {
            await JsonAsync(await account.Client.PostAsJsonAsync("/api/webhooks", new { url = "https://127.0.0.1:9/other", events = new[] { "alert.raised" } }), HttpStatusCode.Forbidden, held);
            await JsonAsync(await account.Client.DeleteAsync($"/api/webhooks/{hook}"), HttpStatusCode.Forbidden, held);
        }

        // The organisation's alerts, as the admin sees them, reach the alerts:read integration.
        var items = (await JsonAsync(await accounts["alerts:read"].Client.GetAsync("/api/alerts"), HttpStatusCode.OK)).GetProperty("items");
        items.EnumerateArray().Select(a => a.GetProperty("id").GetGuid()).ShouldBe([alert]);

        var writer = accounts["alerts:write"];
        (await JsonAsync(await writer.Client.PostAsync($"/api/alerts/{alert}/acknowledge", null), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("acknowledged");
        (await JsonAsync(await writer.Client.PostAsync($"/api/alerts/{alert}/resolve", null), HttpStatusCode.OK)).GetProperty("status").GetString().ShouldBe("resolved");
        var trail = await JsonAsync(await App.ClientWithKey(org.Admin.ApiKey).GetAsync($"/api/alerts/{alert}"), HttpStatusCode.OK);
        trail.GetProperty("alert").GetProperty("acknowledgedBy").GetGuid().ShouldBe(writer.Id);

        var manager = accounts["webhooks:manage"];
        var own = (await JsonAsync(await manager.Client.PostAsJsonAsync("/api/webhooks", new { url = "https://127.0.0.1:9/own", events = new[] { "alert.raised" } }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await JsonAsync(await manager.Client.DeleteAsync($"/api/webhooks/{own}"), HttpStatusCode.NoContent);

        var audit = await AuditAsync(org);
        foreach (var action in new[] { "alert.acknowledged", "alert.resolved" })
        {
            var entry = audit.Single(e => e.GetProperty("action").GetString() == action);
            entry.GetProperty("actorId").GetGuid().ShouldBe(writer.Id);
            entry.GetProperty("actorRole").GetString().ShouldBe("service");
        }
        audit.Single(e => e.GetProperty("action").GetString() == "webhook.created" && e.GetProperty("targetId").GetGuid() == own)
            .GetProperty("actorId").GetGuid().ShouldBe(manager.Id);
    }

    [Fact]
    public async Task A_service_account_is_never_prompted_and_never_counted_in_aggregates()
    {
        var org = await Org.SeedAsync(App);
        var (id, service) = await CreateAsync(org, "reports", "aggregates:read");
        await App.SeedDaysAsync(org.Manager, 20, _ => 3);
        for (var i = 0; i < 5; i++) await App.SeedDaysAsync(await org.EmployeeAsync(App), 20, _ => 3);
        await App.Services.GetRequiredService<ClosePeriodsJob>().RunAsync(CancellationToken.None);

        var groups = (await JsonAsync(await service.GetAsync("/api/org/aggregates"), HttpStatusCode.OK)).GetProperty("groups").EnumerateArray().ToList();
        var total = groups.Where(g => g.GetProperty("teamId").ValueKind == JsonValueKind.Null).MaxBy(g => g.GetProperty("periodStart").GetString());
        // Seven people (the admin, the manager, five employees), six of whom answered: the integration is no eighth.
        total.GetProperty("participationRate").GetDouble().ShouldBe(0.86, total.ToString());

        await ActivatorUtilities.CreateInstance<DispatchDueCheckinsJob>(App.Services, (TimeProvider)new FakeTimeProvider(DateTimeOffset.UtcNow.Date.AddHours(12)))
            .RunAsync(CancellationToken.None);
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<int>("SELECT count(*) FROM outbox WHERE user_id = @id", new { id })).ShouldBe(0);
        (await owner.ExecuteScalarAsync<int>("SELECT count(*) FROM checkin_days WHERE user_id = @id", new { id })).ShouldBe(0);
        (await owner.ExecuteScalarAsync<int>("SELECT count(*) FROM outbox WHERE user_id = @Id", org.Admin)).ShouldBe(1, "the job ran and prompted the people who were due");
    }

    /// <summary>Hand-written SQL on the runtime role with a service account's context, as a bug or an injected query could attempt it.</summary>
    [Fact]
    public async Task At_the_database_a_service_account_reads_and_changes_only_what_its_scopes_allow()
    {
        var org = await Org.SeedAsync(App);
        var alert = await RaiseAlertAsync(org);
        await JsonAsync(await App.ClientWithKey(org.Admin.ApiKey).PostAsJsonAsync("/api/webhooks",
            new { url = "https://127.0.0.1:9/hook", events = new[] { "alert.raised" } }), HttpStatusCode.Created);
        var (reports, _) = await CreateAsync(org, "reports", "aggregates:read");
        var (reader, _) = await CreateAsync(org, "reader", "alerts:read");

        await using var runtime = new NpgsqlConnection(TestEnvironment.RuntimeConnectionString(App.DatabaseUrl));
        await runtime.OpenAsync();
        async Task<long[]> SeenAsAsync(Guid service)
        {
            await using var tx = await runtime.BeginTransactionAsync();
            await runtime.ExecuteAsync("SELECT set_config('app.user_id', @u, true), set_config('app.org_id', @o, true), set_config('app.role', 'service', true)",
                new { u = service.ToString(), o = org.Id.ToString() }, tx);
            long Count(string table) => runtime.ExecuteScalar<long>($"SELECT count(*) FROM {table}", transaction: tx);
            var seen = new[]
            {
                Count("alerts"), Count("alert_events"), Count("webhooks"), Count("users"), Count("checkin_answers"), Count("daily_estimates"),
                Count("audit_log"), Count("access_log"), Count("memberships"), Count("invites"),
                runtime.Execute("UPDATE alerts SET status = 'resolved' WHERE id = @alert", new { alert }, tx),
            };
            await tx.RollbackAsync();
            return seen;
        }

        // alerts, alert_events, webhooks, users (itself), answers, estimates, audit, access, memberships, invites, alerts changed
        (await SeenAsAsync(reports)).ShouldBe([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
        var asReader = await SeenAsAsync(reader);
        asReader[0].ShouldBe(1);
        asReader[1].ShouldBeGreaterThan(0);
        asReader[2..].ShouldBe([0, 1, 0, 0, 0, 0, 0, 0, 0], "alerts:read reads the organisation's alerts and their trail, and nothing more");

        await JsonAsync(await App.ClientWithKey(org.Admin.ApiKey).DeleteAsync($"/api/integrations/{reader}"), HttpStatusCode.NoContent);
        (await SeenAsAsync(reader))[0].ShouldBe(0, "a revoked account's scopes end at the database too");
    }
}
