using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Features.Users;
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

    /// <summary>
    /// The first thing a prospective customer sees must read like a real organisation: scores spread as
    /// in the general population (severe PHQ-9 rare), with the deteriorating few standing out.
    /// </summary>
    [Fact]
    public async Task The_demo_looks_like_a_real_team_with_severe_scores_rare_and_a_few_deteriorating()
    {
        var app = await StartAppAsync(s => s["MINDGUARD_DEMO"] = "1");

        await using var db = await app.OwnerConnectionAsync();
        await db.ExecuteAsync("SELECT set_config('app.role', 'system', false)");
        var rows = (await db.QueryAsync<(Guid TeamId, Guid UserId, double? Phq9Now, double? Who5Now, double? Who5Before)>("""
            SELECT u.team_id, u.id, now.phq9, now.who5, before.who5
            FROM users u
            JOIN daily_estimates now ON now.user_id = u.id AND now.local_date = (SELECT max(local_date) FROM daily_estimates)
            LEFT JOIN daily_estimates before ON before.user_id = u.id AND before.local_date = now.local_date - 45
            WHERE u.team_id IS NOT NULL
            """)).ToList();

        rows.Count.ShouldBe(30);
        foreach (var team in rows.GroupBy(r => r.TeamId))
        {
            var severe = team.Count(r => r.Phq9Now >= Mindguard.Features.Status.Metrics.Thresholds.Phq9Severe);
            (severe * 15).ShouldBeLessThanOrEqualTo(team.Count(), $"{severe} of {team.Count()} people in a team at severe PHQ-9: {string.Join(", ", team.Select(r => r.Phq9Now?.ToString("0.0")))}");
            // Most people are fine: the middle of the team is above WHO-5's poor-wellbeing cut-off of 50.
            var who5 = team.Select(r => r.Who5Now).OfType<double>().Order().ToList();
            who5[who5.Count / 2].ShouldBeGreaterThan(50);
        }
        // The generator makes two people deteriorate ("Колега 5" and "Колега 10"): their wellbeing falls by
        // 20 points or more into WHO-5's poor range (below 50). Found by name, not by a fall, which for
        // someone who is fine can be the noise of two sparse two-week estimates.
        var cipher = app.Services.GetRequiredService<PersonCipher>();
        var names = (await db.QueryAsync<(Guid Id, byte[] DataKey, byte[] DisplayName)>("SELECT id, data_key, display_name FROM users WHERE team_id IS NOT NULL"))
            .ToDictionary(p => p.Id, p => cipher.DecryptDisplayName(p.Id, p.DataKey, p.DisplayName));
        var deteriorating = rows.Where(r => names[r.UserId] is "Колега 5" or "Колега 10").ToList();
        deteriorating.Count.ShouldBe(2);
        deteriorating.ShouldAllBe(r => r.Who5Before - r.Who5Now >= 20 && r.Who5Now < 50);
        // The deteriorating stand out: each has an alert, and alerts concern a minority, as the rules
        // would give in a real organisation (WHO-5 below 50 is common: about one person in seven).
        var alerted = (await db.QueryAsync<Guid>("SELECT DISTINCT user_id FROM alerts")).ToList();
        alerted.ShouldBeSubsetOf(rows.Select(r => r.UserId));
        deteriorating.Select(r => r.UserId).ShouldBeSubsetOf(alerted);
        // The point is a minority, not a count.
        alerted.Count.ShouldBeLessThanOrEqualTo(rows.Count * 2 / 5);
    }
}
