using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Mindguard.Features.Alerts;
using Mindguard.Features.Alerts.Webhooks;
using Mindguard.Tests.Fakes;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Alerts;

/// <summary>A webhook URL is chosen by any organisation's admin: it must not become a probe of our network or a brake on other organisations.</summary>
public sealed class WebhookSafetyTests : AppsTestBase
{
    private static readonly IPAddress Public = IPAddress.Parse("93.184.216.34");

    [Fact]
    public async Task Webhooks_to_loopback_metadata_private_names_or_plain_http_are_refused_at_registration()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var names = new Names { ["intranet.test"] = [IPAddress.Parse("10.0.0.1")], ["carrier.test"] = [IPAddress.Parse("100.64.0.1")],
            ["mixed.test"] = [Public, IPAddress.Parse("192.168.1.1")], ["public.test"] = [Public] };
        var app = await StartAppAsync(services: names.Register);
        var admin = app.ClientWithKey((await Org.SeedAsync(app)).Admin.ApiKey);

        foreach (var url in new[]
        {
            $"https://127.0.0.1:{receiver.Port}/hook", "https://169.254.169.254/latest/meta-data/", "https://[::1]/hook",
            "https://[::ffff:127.0.0.1]/hook", "https://[fd00::1]/hook", "https://[fe80::1]/hook", "https://intranet.test/hook",
            "https://carrier.test/hook", "https://mixed.test/hook", "http://public.test/hook", $"http://127.0.0.1:{receiver.Port}/hook",
        })
        {
            var response = await admin.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "alert.raised" } });
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json", url);
        }
        (await admin.PostAsJsonAsync("/api/webhooks", new { url = "https://public.test/hook", events = new[] { "alert.raised" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var registered = await admin.GetFromJsonAsync<JsonElement>("/api/webhooks");
        registered.EnumerateArray().Select(w => w.GetProperty("url").GetString()).ShouldBe(["https://public.test/hook"]);
        receiver.Arrived.ShouldBe(0);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_when_an_event_is_sent_is_never_reached_and_the_log_gives_only_a_generic_reason()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var names = new Names();
        names.Rebind("rebind.test", Public, IPAddress.Loopback);
        var app = await StartAppAsync(services: s => { names.Register(s); WebhookReceiver.TrustedBy(s); });
        var org = await Org.SeedAsync(app);
        var admin = app.ClientWithKey(org.Admin.ApiKey);
        var webhook = await RegisterAsync(admin, $"https://rebind.test:{receiver.Port}/hook");

        await RaiseAlertAsync(app, org);

        var delivery = await LastDeliveryAsync(admin, webhook, d => d.GetProperty("lastError").ValueKind == JsonValueKind.String);
        delivery.GetProperty("status").GetString().ShouldBe("pending");
        delivery.GetProperty("lastError").GetString().ShouldBe("receiver unreachable");
        delivery.GetProperty("lastStatus").ValueKind.ShouldBe(JsonValueKind.Null);
        receiver.Arrived.ShouldBe(0);
    }

    [Fact]
    public async Task A_redirect_is_a_failed_delivery_and_its_target_is_never_reached()
    {
        await using var target = await WebhookReceiver.StartAsync();
        await using var redirecting = await WebhookReceiver.StartAsync(redirectTo: target.Url.ToString());
        var app = await StartAppAsync(s => s["MINDGUARD_WEBHOOK_ALLOW_PRIVATE"] = "true", services: WebhookReceiver.TrustedBy);
        var org = await Org.SeedAsync(app);
        var admin = app.ClientWithKey(org.Admin.ApiKey);
        var webhook = await RegisterAsync(admin, redirecting.Url.ToString());

        await RaiseAlertAsync(app, org);

        var delivery = await LastDeliveryAsync(admin, webhook, d => d.GetProperty("lastStatus").ValueKind == JsonValueKind.Number);
        delivery.GetProperty("status").GetString().ShouldBe("pending");
        delivery.GetProperty("lastStatus").GetInt32().ShouldBe(302);
        delivery.GetProperty("lastError").GetString()!.ShouldContain("redirects are not followed");
        redirecting.Arrived.ShouldBe(1);
        target.Arrived.ShouldBe(0);
    }

    [Fact]
    public async Task A_slow_receiver_delays_only_its_own_organisation_and_its_batch_stays_leased_while_it_is_sent()
    {
        await using var slow = await WebhookReceiver.StartAsync(holdFor: TimeSpan.FromMinutes(1));
        await using var fast = await WebhookReceiver.StartAsync();
        var app = await StartAppAsync(s => s["MINDGUARD_WEBHOOK_ALLOW_PRIVATE"] = "true", services: WebhookReceiver.TrustedBy);
        var x = await Org.SeedAsync(app);
        var y = await Org.SeedAsync(app);
        var xAdmin = app.ClientWithKey(x.Admin.ApiKey);
        // More deliveries than one claim used to hold within its 2-minute lease at 10 s each.
        for (var i = 0; i < 13; i++) await RegisterAsync(xAdmin, slow.Url.ToString());
        await RegisterAsync(app.ClientWithKey(y.Admin.ApiKey), fast.Url.ToString());

        await RaiseAlertAsync(app, x);
        await Eventually.HoldsAsync(() => Task.FromResult(slow.Arrived), n => n >= 1, "organisation X's slow receiver to be called");
        await using (var owner = await app.OwnerConnectionAsync())
        {
            // Rows claimed together share their lease: each claim must outlast its sends at the full timeout.
            var claims = await owner.QueryAsync<(int Count, double SecondsLeft)>("""
                SELECT count(*)::int, extract(epoch FROM locked_until - now())::float8
                FROM webhook_deliveries WHERE status = 'sending' GROUP BY locked_until
                """);
            foreach (var claim in claims) claim.SecondsLeft.ShouldBeGreaterThanOrEqualTo(claim.Count * WebhookOptions.SendTimeout.TotalSeconds - 5);
        }
        var raisedForY = DateTimeOffset.UtcNow;
        await RaiseAlertAsync(app, y);

        var delivered = (await fast.WaitForAsync(1, TimeSpan.FromSeconds(30))).Single();
        // Behind organisation X's queue, Y would wait for at least one of X's slow sends to time out.
        (delivered.At - raisedForY).ShouldBeLessThan(WebhookOptions.SendTimeout);
        slow.Deliveries.ShouldBeEmpty();
    }

    private static async Task<Guid> RegisterAsync(HttpClient admin, string url)
    {
        var response = await admin.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "alert.raised" } });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task RaiseAlertAsync(MindguardApp app, Org org)
    {
        await app.SeedDaysAsync(await org.EmployeeAsync(app), 20, q => q.Options.Count - 1);
        await app.Services.GetRequiredService<EvaluateAlertsJob>().RunAsync(CancellationToken.None);
    }

    private static async Task<JsonElement> LastDeliveryAsync(HttpClient admin, Guid webhook, Func<JsonElement, bool> until)
    {
        var log = await Eventually.HoldsAsync(() => admin.GetFromJsonAsync<JsonElement>($"/api/webhooks/{webhook}/deliveries"),
            l => l.GetProperty("items").GetArrayLength() > 0 && until(l.GetProperty("items")[0]), "the delivery log to show the attempt", TimeSpan.FromSeconds(30));
        return log.GetProperty("items")[0];
    }

    /// <summary>DNS as the test says: names map to addresses, and a rebound name answers differently the second time.</summary>
    private sealed class Names : Dictionary<string, IPAddress[]>
    {
        private readonly Dictionary<string, Queue<IPAddress>> _rebinding = [];

        public void Rebind(string name, IPAddress first, IPAddress then) => _rebinding[name] = new Queue<IPAddress>([first, then]);

        public void Register(IServiceCollection services) =>
            services.AddSingleton<WebhookAddresses>(sp => new MappedAddresses(sp.GetRequiredService<IOptions<WebhookOptions>>(), this));

        public IPAddress[]? Resolve(string host)
        {
            lock (_rebinding)
            {
                if (_rebinding.TryGetValue(host, out var answers)) return [answers.Count > 1 ? answers.Dequeue() : answers.Peek()];
            }
            return TryGetValue(host, out var addresses) ? addresses : null;
        }
    }

    private sealed class MappedAddresses(IOptions<WebhookOptions> options, Names names) : WebhookAddresses(options)
    {
        public override Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
            names.Resolve(host) is { } mapped ? Task.FromResult(mapped) : base.ResolveAsync(host, ct);
    }
}
