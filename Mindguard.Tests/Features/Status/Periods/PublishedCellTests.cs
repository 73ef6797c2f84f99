using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mindguard.Features.Status.Periods;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Status.Periods;

public sealed class PublishedCellTests : AppsTestBase
{
    private static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv")).DateTime);

    private static Task CloseAsync(MindguardApp app, DateTimeOffset at) =>
        ActivatorUtilities.CreateInstance<ClosePeriodsJob>(app.Services, (TimeProvider)new FakeTimeProvider(at)).RunAsync(CancellationToken.None);

    private static IEnumerable<JsonElement> Groups(JsonElement body, Guid? team) => body.GetProperty("groups").EnumerateArray()
        .Where(g => g.GetProperty("teamId").ValueKind == JsonValueKind.Null ? team is null : g.GetProperty("teamId").GetGuid() == team);

    [Fact]
    public async Task Level_counts_of_one_or_two_read_fewer_than_three_and_means_are_rounded()
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);
        // Six answer: two the first option of every scale, four one past the middle, so two share a WHO-5 level.
        for (var i = 0; i < 6; i++)
        {
            var person = i == 0 ? org.Manager : await org.EmployeeAsync(app);
            await app.SeedDaysAsync(person, 21, q => i < 2 ? 0 : (q.Options.Count + 1) / 2);
        }
        await CloseAsync(app, DateTimeOffset.UtcNow);

        var body = await app.ClientWithKey(org.Admin.ApiKey).GetFromJsonAsync<JsonElement>($"/api/teams/{org.TeamId}/aggregates");
        var week = Groups(body, org.TeamId).MaxBy(g => g.GetProperty("periodStart").GetString());
        var metrics = week.GetProperty("metrics");
        var who5 = metrics.GetProperty("who5");
        who5.GetProperty("suppressed").GetBoolean().ShouldBeFalse();
        // Two people share their level (the first options are the brighter ones), four theirs.
        var levels = who5.GetProperty("levels").EnumerateObject().ToDictionary(l => l.Name, l => l.Value);
        levels.Values.Count(l => l.GetProperty("fewerThanThree").GetBoolean() && l.GetProperty("count").ValueKind == JsonValueKind.Null).ShouldBe(1, week.GetRawText());
        levels.Values.Count(l => l.GetProperty("count").ValueKind == JsonValueKind.Number && l.GetProperty("count").GetInt32() == 4).ShouldBe(1);
        var pair = levels.Single(l => l.Value.GetProperty("fewerThanThree").GetBoolean()).Key;
        var mean = who5.GetProperty("mean").GetDouble();
        mean.ShouldBe(Math.Round(mean));
        foreach (var metric in metrics.EnumerateObject().Where(m => m.Value.GetProperty("mean").ValueKind == JsonValueKind.Number))
        {
            var value = metric.Value.GetProperty("mean").GetDouble();
            value.ShouldBe(Math.Round(value, metric.Name is "who5" or "burnout" ? 0 : 1), metric.Name);
        }

        // The total is the same six plus nobody: its count of that level would make the team's exact, so it is withheld.
        var total = Groups(await app.ClientWithKey(org.Admin.ApiKey).GetFromJsonAsync<JsonElement>("/api/org/aggregates"), null)
            .MaxBy(g => g.GetProperty("periodStart").GetString()).GetProperty("metrics").GetProperty("who5");
        if (!total.GetProperty("suppressed").GetBoolean())
        {
            var withheld = total.GetProperty("levels").GetProperty(pair);
            withheld.GetProperty("count").ValueKind.ShouldBe(JsonValueKind.Null);
            withheld.GetProperty("fewerThanThree").GetBoolean().ShouldBeFalse();
        }
    }

    [Fact]
    public async Task Moving_deactivating_and_forgetting_people_leaves_published_weeks_as_they_were()
    {
        var app = await StartAppAsync();
        var org = await Org.SeedAsync(app);
        Guid other;
        await using (var owner = await app.OwnerConnectionAsync()) other = await TestData.TeamAsync(owner, org.Id, "Other");
        var people = new List<TestUser> { org.Manager };
        for (var i = 0; i < 7; i++) people.Add(await org.EmployeeAsync(app));
        foreach (var person in people) await app.SeedDaysAsync(person, 28);
        var at = DateTimeOffset.UtcNow;
        await CloseAsync(app, at);
        var admin = app.ClientWithKey(org.Admin.ApiKey);
        async Task<Dictionary<string, string>> ReadAsync(string granularity) =>
            Groups(await admin.GetFromJsonAsync<JsonElement>($"/api/teams/{org.TeamId}/aggregates?granularity={granularity}"), org.TeamId)
                .ToDictionary(g => g.GetProperty("periodStart").GetString()!, g => g.GetRawText());
        var weeks = await ReadAsync("week");
        var months = await ReadAsync("month");
        weeks.Values.ShouldContain(w => w.Contains("\"suppressed\":false"));

        (await admin.PatchAsJsonAsync($"/api/users/{people[1].Id}", new { teamId = other })).EnsureSuccessStatusCode();
        (await admin.PatchAsJsonAsync($"/api/users/{people[2].Id}", new { active = false })).EnsureSuccessStatusCode();
        (await app.PostUpdateAsync(Fakes.Telegram.TelegramUpdates.Callback(people[3].TelegramId, "forget:v1:yes"))).EnsureSuccessStatusCode();
        await CloseAsync(app, at);
        // A week later at least one more week closes; the new one may count the changes, the published ones never do.
        await CloseAsync(app, at.AddDays(7));

        var weeksAfter = await ReadAsync("week");
        weeksAfter.Count.ShouldBeGreaterThan(weeks.Count);
        foreach (var (start, week) in weeks) weeksAfter[start].ShouldBe(week, start);
        var monthsAfter = await ReadAsync("month");
        foreach (var (start, month) in months) monthsAfter[start].ShouldBe(month, start);
        await using var check = await app.OwnerConnectionAsync();
        // The membership history saw each change; the forgotten person left no id behind.
        (await check.ExecuteScalarAsync<long>("SELECT count(*) FROM memberships WHERE user_id = @Id AND team_id = @other", new { people[1].Id, other })).ShouldBe(1);
        (await check.ExecuteScalarAsync<long>("SELECT count(*) FROM memberships WHERE user_id = @Id AND valid_to IS NULL", people[2])).ShouldBe(0);
        (await check.ExecuteScalarAsync<long>("SELECT count(*) FROM aggregate_respondents WHERE user_id = @Id", people[3])).ShouldBe(0);
        (await check.ExecuteScalarAsync<long>("SELECT count(*) FROM aggregate_respondents WHERE user_id IS NULL")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Closing_twice_or_on_two_replicas_publishes_each_period_once()
    {
        var app = await StartAppAsync();
        var replica = await StartAppAsync(databaseUrl: app.DatabaseUrl);
        var org = await Org.SeedAsync(app);
        for (var i = 0; i < 5; i++) await app.SeedDaysAsync(await org.EmployeeAsync(app), 15);

        var at = DateTimeOffset.UtcNow;
        await Task.WhenAll(CloseAsync(app, at), CloseAsync(replica, at), CloseAsync(app, at));

        await using var check = await app.OwnerConnectionAsync();
        (await check.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM (SELECT granularity, period_start, scope, team_id FROM aggregate_groups
                                  GROUP BY 1, 2, 3, 4 HAVING count(*) > 1) d
            """)).ShouldBe(0);
        (await check.ExecuteScalarAsync<long>("SELECT count(*) FROM aggregate_periods WHERE organisation_id = @Id", org)).ShouldBeGreaterThan(0);
    }
}
