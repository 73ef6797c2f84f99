using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Features.Alerts;
using Mindguard.Features.Alerts.Webhooks;
using Mindguard.Features.Status.Periods;
using Mindguard.Tests.Fakes;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Status.Periods;

/// <summary>What integrators receive: nothing per person, signed as before.</summary>
public sealed class IntegratorEventTests : AppsTestBase
{
    [Fact]
    public async Task Alerts_carry_only_id_rule_level_and_time_and_a_closed_period_carries_its_published_cells()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 0);
        var app = await StartAppAsync(s => s["MINDGUARD_WEBHOOK_ALLOW_PRIVATE"] = "true", services: WebhookReceiver.TrustedBy);
        var org = await Org.SeedAsync(app);
        var admin = app.ClientWithKey(org.Admin.ApiKey);
        var created = await (await admin.PostAsJsonAsync("/api/webhooks",
            new { url = receiver.Url.ToString(), events = new[] { "alert.raised", "alert.resolved", "period.closed" } })).Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("secret").GetString()!;
        var people = new List<TestUser> { org.Manager };
        for (var i = 0; i < 5; i++) people.Add(await org.EmployeeAsync(app));
        await app.SeedDaysAsync(people[0], 20, q => q.Options.Count - 1);
        foreach (var person in people.Skip(1)) await app.SeedDaysAsync(person, 20);

        await app.Services.GetRequiredService<EvaluateAlertsJob>().RunAsync(CancellationToken.None);
        var raised = (await receiver.WaitForAsync(1, TimeSpan.FromSeconds(30))).First();
        var alertId = JsonDocument.Parse(raised.Body).RootElement.GetProperty("data").GetProperty("alertId").GetGuid();
        (await admin.PostAsync($"/api/alerts/{alertId}/resolve", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await app.Services.GetRequiredService<ClosePeriodsJob>().RunAsync(CancellationToken.None);
        long queued;
        await using (var owner = await app.OwnerConnectionAsync()) queued = await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM webhook_deliveries");
        var deliveries = await receiver.WaitForAsync((int)queued, TimeSpan.FromSeconds(60));

        foreach (var delivery in deliveries)
        {
            var timestamp = long.Parse(delivery.Headers["X-Mindguard-Timestamp"]);
            delivery.Headers["X-Mindguard-Signature"].ShouldBe(WebhookSigner.Sign(secret, timestamp, delivery.Body));
            foreach (var person in people) delivery.Body.ShouldNotContain(person.Id.ToString());
        }
        foreach (var name in new[] { "alert.raised", "alert.resolved" })
        {
            var alert = deliveries.First(d => d.Headers["X-Mindguard-Event"] == name);
            var data = JsonDocument.Parse(alert.Body).RootElement.GetProperty("data");
            data.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["alertId", "at", "level", "rule"]);
            data.GetProperty("alertId").GetGuid().ShouldBe(alertId);
            data.GetProperty("rule").GetString().ShouldBeOneOf("critical", "warning");
        }

        var closed = deliveries.Where(d => d.Headers["X-Mindguard-Event"] == "period.closed")
            .Select(d => JsonDocument.Parse(d.Body).RootElement.GetProperty("data")).ToList();
        closed.ShouldNotBeEmpty();
        closed.ShouldAllBe(d => d.GetProperty("granularity").GetString() == "week" || d.GetProperty("granularity").GetString() == "month");
        // Six answered: k = 5 besides any one reader, so the team's week is published to integrators with its cells.
        var team = closed.Where(d => d.GetProperty("scope").GetString() == "team" && !d.GetProperty("group").GetProperty("suppressed").GetBoolean()).ToList();
        team.ShouldNotBeEmpty();
        team.ShouldAllBe(d => d.GetProperty("group").GetProperty("metrics").GetProperty("who5").ValueKind == JsonValueKind.Object);
        closed.ShouldContain(d => d.GetProperty("scope").GetString() == "organisation");
    }

    [Fact]
    public async Task Checkin_completed_is_no_longer_an_event_one_can_subscribe_to()
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);

        var response = await app.ClientWithKey(org.Admin.ApiKey).PostAsJsonAsync("/api/webhooks",
            new { url = "https://hr.example.org/hook", events = new[] { "checkin.completed" } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("period.closed");
    }
}
