using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mindguard.Features.Alerts;
using Mindguard.Features.Alerts.Escalation;
using Mindguard.Tests.Features.Wall;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Users;

public sealed class AuditLogFixture : AppFixture
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        WallKit.Configure(settings);
        settings["MINDGUARD_WEBHOOK_ALLOW_PRIVATE"] = "true";
    }
}

public sealed class AuditLogTests(AuditLogFixture fixture) : IClassFixture<AuditLogFixture>
{
    private MindguardApp App => fixture.App;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        return response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<List<JsonElement>> AuditAsync(TestUser admin)
    {
        var page = await JsonAsync(await App.ClientWithKey(admin.ApiKey).GetAsync("/api/org/audit-log?limit=200"), HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    [Fact]
    public async Task Every_admin_and_manager_act_is_in_the_audit_log_and_acts_about_a_person_in_their_access_log()
    {
        var wall = await WallOrg.SeedAsync(App);
        var org = wall.Org;
        var person = wall.Employees[0];
        var admin = App.ClientWithKey(org.Admin.ApiKey);
        var manager = App.ClientWithKey(org.Manager.ApiKey);

        // People: role, team, active; teams; invites.
        await JsonAsync(await admin.PatchAsJsonAsync($"/api/users/{wall.Employees[1].Id}", new { role = "manager" }), HttpStatusCode.OK);
        var team = (await JsonAsync(await admin.PostAsJsonAsync("/api/teams", new { name = "Audit" }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await JsonAsync(await admin.PatchAsJsonAsync($"/api/teams/{team}", new { name = "Audited" }), HttpStatusCode.OK);
        await JsonAsync(await admin.PatchAsJsonAsync($"/api/users/{wall.Employees[2].Id}", new { teamId = team }), HttpStatusCode.OK);
        await JsonAsync(await admin.PatchAsJsonAsync($"/api/users/{wall.Employees[2].Id}", new { active = false }), HttpStatusCode.OK);
        await JsonAsync(await admin.PatchAsJsonAsync($"/api/users/{wall.Employees[2].Id}", new { active = true }), HttpStatusCode.OK);
        await JsonAsync(await admin.DeleteAsync($"/api/teams/{team}"), HttpStatusCode.NoContent);
        var invite = (await JsonAsync(await admin.PostAsJsonAsync("/api/invites", new { teamId = org.TeamId }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await JsonAsync(await admin.DeleteAsync($"/api/invites/{invite}"), HttpStatusCode.NoContent);

        // Keys, webhooks, safety settings, wall moderation.
        var key = (await JsonAsync(await manager.PostAsJsonAsync("/api/api-keys", new { name = "dashboard" }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await JsonAsync(await admin.DeleteAsync($"/api/api-keys/{key}"), HttpStatusCode.NoContent);
        var hook = (await JsonAsync(await admin.PostAsJsonAsync("/api/webhooks", new { url = "https://127.0.0.1:9/hook", events = new[] { "alert.raised" } }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await JsonAsync(await admin.DeleteAsync($"/api/webhooks/{hook}"), HttpStatusCode.NoContent);
        await JsonAsync(await admin.PatchAsJsonAsync("/api/org/safety", new { alertMode = "notify" }), HttpStatusCode.OK);
        await JsonAsync(await App.ClientWithKey(wall.Employees[1].ApiKey).PostAsJsonAsync("/api/wall/posts", new { text = "Прибрати, будь ласка", category = "other" }), HttpStatusCode.Accepted);
        await App.ReleaseAsync();
        var post = (await admin.GetFromJsonAsync<JsonElement>("/api/wall/moderation?limit=200")).GetProperty("items")[0].GetProperty("id").GetGuid();
        await JsonAsync(await admin.PostAsync($"/api/wall/posts/{post}/hide", null), HttpStatusCode.OK);
        await JsonAsync(await admin.PostAsync($"/api/wall/posts/{post}/restore", null), HttpStatusCode.OK);

        // An alert about the person: sent, escalated when nobody acknowledged it in time, acknowledged, resolved.
        await App.GiveDataKeyAsync(person);
        await App.SeedDaysAsync(person, 20, q => q.Options.Count - 1);
        await App.Services.GetRequiredService<EvaluateAlertsJob>().RunAsync(CancellationToken.None);
        await using var owner = await App.OwnerConnectionAsync();
        var alert = await owner.ExecuteScalarAsync<Guid>("SELECT id FROM alerts WHERE user_id = @Id", person);
        await ActivatorUtilities.CreateInstance<EscalateAlertsJob>(App.Services, (TimeProvider)new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(3)))
            .RunAsync(CancellationToken.None);
        await JsonAsync(await manager.PostAsync($"/api/alerts/{alert}/acknowledge", null), HttpStatusCode.OK);
        await JsonAsync(await admin.PostAsync($"/api/alerts/{alert}/resolve", null), HttpStatusCode.OK);
        await JsonAsync(await admin.DeleteAsync($"/api/users/{wall.Employees[1].Id}"), HttpStatusCode.NoContent);

        var audit = await AuditAsync(org.Admin);
        audit.Select(e => e.GetProperty("action").GetString()).ToHashSet().ShouldBe(
        [
            "person.role_changed", "person.team_changed", "person.deactivated", "person.reactivated", "person.deleted",
            "team.created", "team.changed", "team.deleted", "invite.created", "invite.revoked",
            "api_key.created", "api_key.revoked", "webhook.created", "webhook.deleted", "safety.changed",
            "wall.hidden", "wall.restored", "alert.sent", "alert.escalated", "alert.acknowledged", "alert.resolved",
        ], ignoreOrder: true);
        var acknowledged = audit.Single(e => e.GetProperty("action").GetString() == "alert.acknowledged");
        acknowledged.GetProperty("actorId").GetGuid().ShouldBe(org.Manager.Id);
        acknowledged.GetProperty("subjectId").GetGuid().ShouldBe(person.Id);
        acknowledged.GetProperty("targetId").GetGuid().ShouldBe(alert);
        var revoked = audit.Single(e => e.GetProperty("action").GetString() == "api_key.revoked");
        (revoked.GetProperty("actorId").GetGuid(), revoked.GetProperty("subjectId").GetGuid()).ShouldBe((org.Admin.Id, org.Manager.Id));
        // The deleted person's id is gone from the act that removed them.
        audit.Single(e => e.GetProperty("action").GetString() == "person.deleted").GetProperty("subjectId").ValueKind.ShouldBe(JsonValueKind.Null);

        var told = (await JsonAsync(await App.ClientWithKey(person.ApiKey).GetAsync("/api/me/access-log?limit=200"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Single(e => e.GetProperty("what").GetString() == "care_contacts_told");
        told.GetProperty("detail").GetProperty("level").GetString().ShouldNotBeNullOrEmpty();
        told.GetProperty("detail").GetProperty("metric").GetString().ShouldNotBeNullOrEmpty();
        told.GetProperty("detail").GetProperty("date").GetString().ShouldNotBeNullOrEmpty();
        var moved = (await JsonAsync(await App.ClientWithKey(wall.Employees[2].ApiKey).GetAsync("/api/me/access-log?limit=200"), HttpStatusCode.OK))
            .GetProperty("items").EnumerateArray().Where(e => e.GetProperty("what").GetString() == "account").ToList();
        moved.Count.ShouldBe(3, "moved to a team, deactivated, reactivated");
    }

    [Fact]
    public async Task Only_admins_read_the_audit_log_only_their_own_organisations_and_nobody_can_change_it()
    {
        var mine = await Org.SeedAsync(App);
        var theirs = await Org.SeedAsync(App);
        await JsonAsync(await App.ClientWithKey(theirs.Admin.ApiKey).PostAsJsonAsync("/api/teams", new { name = "Theirs" }), HttpStatusCode.Created);
        await JsonAsync(await App.ClientWithKey(mine.Admin.ApiKey).PostAsJsonAsync("/api/teams", new { name = "Mine" }), HttpStatusCode.Created);

        var problem = await JsonAsync(await App.ClientWithKey(mine.Manager.ApiKey).GetAsync("/api/org/audit-log"), HttpStatusCode.Forbidden);
        problem.GetProperty("status").GetInt32().ShouldBe(403);
        (await AuditAsync(mine.Admin)).Select(e => e.GetProperty("detail").GetProperty("name").GetString()).ShouldBe(["Mine"]);

        var runtime = App.Services.GetRequiredService<NpgsqlDataSource>();
        await using var connection = await runtime.OpenConnectionAsync();
        foreach (var sql in new[] { "UPDATE audit_log SET action = 'nothing'", "DELETE FROM audit_log", "TRUNCATE audit_log" })
        {
            var refused = await Should.ThrowAsync<PostgresException>(() => connection.ExecuteAsync(sql));
            refused.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
    }
}
