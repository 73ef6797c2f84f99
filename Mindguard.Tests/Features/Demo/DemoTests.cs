using System.Net.Http.Json;
using System.Text.Json;
using Mindguard.Infrastructure.Security;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Demo;

public sealed class DemoTests : AppsTestBase
{
    [Fact]
    public async Task Demo_mode_shows_an_admin_teams_aggregates_an_alert_and_charts_at_once()
    {
        var key = ApiKeys.Generate().Key;
        var app = await StartAppAsync(s =>
        {
            s["MINDGUARD_DEMO"] = "1";
            s["MINDGUARD_BOOTSTRAP_API_KEY"] = key;
        });
        var admin = app.ClientWithKey(key);

        var teams = await admin.GetFromJsonAsync<JsonElement>("/api/teams");
        teams.GetProperty("items").GetArrayLength().ShouldBe(2);
        var people = await admin.GetFromJsonAsync<JsonElement>("/api/users?limit=100");
        people.GetProperty("items").GetArrayLength().ShouldBe(31);

        var aggregates = await admin.GetFromJsonAsync<JsonElement>("/api/org/aggregates");
        var published = aggregates.GetProperty("groups").EnumerateArray().Where(g => !g.GetProperty("suppressed").GetBoolean()).ToList();
        published.ShouldNotBeEmpty();
        published.ShouldContain(g => g.GetProperty("metrics").GetProperty("who5").GetProperty("mean").ValueKind == JsonValueKind.Number);

        var alerts = await admin.GetFromJsonAsync<JsonElement>("/api/alerts?status=open");
        alerts.GetProperty("items").GetArrayLength().ShouldBeGreaterThan(0);

        // Starting again changes nothing: the demo is seeded once.
        await StartAppAsync(s => s["MINDGUARD_DEMO"] = "1", app.DatabaseUrl);
        (await admin.GetFromJsonAsync<JsonElement>("/api/users?limit=100")).GetProperty("items").GetArrayLength().ShouldBe(31);
    }
}
