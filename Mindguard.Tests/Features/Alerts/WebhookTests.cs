using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Features.Alerts;
using Mindguard.Features.Alerts.Webhooks;
using Mindguard.Tests.Fakes;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Alerts;

public sealed class WebhookTests : AppsTestBase
{
    [Fact]
    public async Task A_receiver_gets_a_correctly_signed_alert_and_a_retry_after_a_500()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failFirst: 1);
        var app = await StartAppAsync(s => s["MINDGUARD_WEBHOOK_ALLOW_PRIVATE"] = "true", services: WebhookReceiver.TrustedBy);
        var org = await Org.SeedAsync(app);
        var person = await org.EmployeeAsync(app);
        var admin = app.ClientWithKey(org.Admin.ApiKey);
        var created = await (await admin.PostAsJsonAsync("/api/webhooks", new { url = receiver.Url.ToString(), events = new[] { "alert.raised" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var secret = created.GetProperty("secret").GetString()!;
        await app.SeedDaysAsync(person, 20, q => q.Options.Count - 1);

        await app.Services.GetRequiredService<EvaluateAlertsJob>().RunAsync(CancellationToken.None);

        var deliveries = await receiver.WaitForAsync(2, TimeSpan.FromSeconds(30));
        deliveries.Select(d => d.AnsweredWith).ShouldBe([500, 200]);
        var delivered = deliveries.Last();
        delivered.Headers["X-Mindguard-Event"].ShouldBe("alert.raised");
        var timestamp = long.Parse(delivered.Headers["X-Mindguard-Timestamp"]);
        delivered.Headers["X-Mindguard-Signature"].ShouldBe(WebhookSigner.Sign(secret, timestamp, delivered.Body));
        delivered.Headers["X-Mindguard-Signature"].ShouldNotBe(WebhookSigner.Sign("wrong-secret", timestamp, delivered.Body));
        delivered.Body.ShouldNotContain(person.Id.ToString());
        JsonDocument.Parse(delivered.Body).RootElement.GetProperty("data").GetProperty("rule").GetString().ShouldNotBeNullOrEmpty();

        var log = await Eventually.HoldsAsync(
            () => admin.GetFromJsonAsync<JsonElement>($"/api/webhooks/{created.GetProperty("id").GetGuid()}/deliveries"),
            l => l.GetProperty("items")[0].GetProperty("status").GetString() == "delivered", "the delivery log to show it delivered");
        log.GetProperty("items")[0].GetProperty("attempts").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Only_admins_register_webhooks_and_plain_http_is_refused_off_loopback()
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);

        (await app.ClientWithKey(org.Manager.ApiKey).PostAsJsonAsync("/api/webhooks", new { url = "https://x.example", events = new[] { "alert.raised" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.ClientWithKey(org.Admin.ApiKey).PostAsJsonAsync("/api/webhooks", new { url = "http://hr.example.org/hook", events = new[] { "alert.raised" } }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.ClientWithKey(org.Admin.ApiKey).PostAsJsonAsync("/api/webhooks", new { url = "https://hr.example.org/hook", events = new[] { "user.created" } }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
