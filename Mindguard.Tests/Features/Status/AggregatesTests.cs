using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Mindguard.Features.Status.Periods;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Status;

public sealed class AggregatesFixture : AppFixture
{
    public Org Org { get; private set; } = null!;
    public Guid SmallTeam { get; private set; }
    public TestUser SmallTeamManager { get; private set; } = null!;
    public TestUser Employee { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Org = await Org.SeedAsync(App);
        await using var owner = await App.OwnerConnectionAsync();
        SmallTeam = await TestData.TeamAsync(owner, Org.Id, "Small");
        SmallTeamManager = await TestData.UserAsync(owner, Org.Id, SmallTeam, role: "manager");
        // Org.TeamId: the manager plus 4 employees answer (5 respondents of 6 members); the small team: 4 answer.
        await App.SeedDaysAsync(Org.Manager, 20, _ => 3);
        for (var i = 0; i < 4; i++) await App.SeedDaysAsync(await Org.EmployeeAsync(App), 20, _ => 3);
        await App.SeedDaysAsync(SmallTeamManager, 20, _ => 0);
        for (var i = 0; i < 3; i++) await App.SeedDaysAsync(await Org.EmployeeAsync(App, SmallTeam), 20, _ => 0);
        Employee = await Org.EmployeeAsync(App);
        await App.Services.GetRequiredService<ClosePeriodsJob>().RunAsync(CancellationToken.None);
    }
}

public sealed class AggregatesTests(AggregatesFixture fixture) : IClassFixture<AggregatesFixture>
{
    private MindguardApp App => fixture.App;

    private async Task<JsonElement> GetAsync(string key, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await App.ClientWithKey(key).GetAsync(path);
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement LatestGroup(JsonElement body, Guid? team) =>
        body.GetProperty("groups").EnumerateArray()
            .Where(g => g.GetProperty("teamId").ValueKind == JsonValueKind.Null ? team is null : g.GetProperty("teamId").GetGuid() == team)
            .MaxBy(g => g.GetProperty("periodStart").GetString());

    [Fact]
    public async Task A_team_of_five_respondents_is_shown_to_an_admin_and_the_small_team_and_the_total_are_suppressed()
    {
        var big = LatestGroup(await GetAsync(fixture.Org.Admin.ApiKey, $"/api/teams/{fixture.Org.TeamId}/aggregates"), fixture.Org.TeamId);
        var org = await GetAsync(fixture.Org.Admin.ApiKey, "/api/org/aggregates");

        big.GetProperty("suppressed").GetBoolean().ShouldBeFalse();
        big.GetProperty("respondents").GetInt32().ShouldBe(5);
        big.GetProperty("participationRate").GetDouble().ShouldBe(0.83);
        var who5 = big.GetProperty("metrics").GetProperty("who5");
        who5.GetProperty("mean").GetDouble().ShouldBe(40);
        who5.GetProperty("levels").GetProperty("low").GetProperty("count").GetInt32().ShouldBe(5);

        foreach (var period in org.GetProperty("groups").EnumerateArray().GroupBy(g => g.GetProperty("periodStart").GetString()))
        {
            var small = period.Single(g => g.GetProperty("teamId").ValueKind != JsonValueKind.Null && g.GetProperty("teamId").GetGuid() == fixture.SmallTeam);
            small.GetProperty("suppressed").GetBoolean().ShouldBeTrue();
            small.GetProperty("respondents").ValueKind.ShouldBe(JsonValueKind.Null);
            small.GetProperty("metrics").ValueKind.ShouldBe(JsonValueKind.Null);
            // Total minus the published teams is what the suppressed ones hold: never 1 to k people.
            var total = period.Single(g => g.GetProperty("teamId").ValueKind == JsonValueKind.Null);
            if (total.GetProperty("suppressed").GetBoolean()) continue;
            foreach (var metric in total.GetProperty("metrics").EnumerateObject().Where(m => !m.Value.GetProperty("suppressed").GetBoolean()))
            {
                var shown = period.Where(g => g.GetProperty("teamId").ValueKind != JsonValueKind.Null && !g.GetProperty("suppressed").GetBoolean())
                    .Select(g => g.GetProperty("metrics").GetProperty(metric.Name)).Where(c => !c.GetProperty("suppressed").GetBoolean())
                    .Sum(c => c.GetProperty("respondents").GetInt32());
                (metric.Value.GetProperty("respondents").GetInt32() - shown).ShouldNotBeInRange(1, 5, $"{period.Key} {metric.Name}");
            }
        }
    }

    [Fact]
    public async Task A_manager_who_answered_does_not_count_towards_k_for_themselves()
    {
        // Five respondents: the admin sees them; the manager is one of them and would see the other four.
        var forManager = LatestGroup(await GetAsync(fixture.Org.Manager.ApiKey, $"/api/teams/{fixture.Org.TeamId}/aggregates"), fixture.Org.TeamId);
        var forAdmin = LatestGroup(await GetAsync(fixture.Org.Admin.ApiKey, $"/api/teams/{fixture.Org.TeamId}/aggregates"), fixture.Org.TeamId);

        forAdmin.GetProperty("suppressed").GetBoolean().ShouldBeFalse();
        forManager.GetProperty("periodStart").GetString().ShouldBe(forAdmin.GetProperty("periodStart").GetString());
        forManager.GetProperty("suppressed").GetBoolean().ShouldBeTrue();
        forManager.GetProperty("metrics").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Only_closed_weeks_and_months_are_listed()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv")).DateTime);
        foreach (var granularity in new[] { "week", "month" })
        {
            var body = await GetAsync(fixture.Org.Admin.ApiKey, $"/api/org/aggregates?granularity={granularity}");
            body.GetProperty("granularity").GetString().ShouldBe(granularity);
            foreach (var group in body.GetProperty("groups").EnumerateArray())
            {
                var start = DateOnly.Parse(group.GetProperty("periodStart").GetString()!);
                var end = DateOnly.Parse(group.GetProperty("periodEnd").GetString()!);
                end.ShouldBeLessThan(today);
                CalendarPeriod.Containing(granularity == "week" ? Granularity.Week : Granularity.Month, start).ShouldBe(
                    new CalendarPeriod(granularity == "week" ? Granularity.Week : Granularity.Month, start, end));
            }
        }
    }

    [Fact]
    public async Task Employees_get_403_and_managers_see_only_their_own_team()
    {
        await GetAsync(fixture.Employee.ApiKey, $"/api/teams/{fixture.Org.TeamId}/aggregates", HttpStatusCode.Forbidden);
        await GetAsync(fixture.Employee.ApiKey, "/api/org/aggregates", HttpStatusCode.Forbidden);
        await GetAsync(fixture.SmallTeamManager.ApiKey, $"/api/teams/{fixture.Org.TeamId}/aggregates", HttpStatusCode.Forbidden);
        await GetAsync(fixture.Org.Manager.ApiKey, $"/api/teams/{fixture.Org.TeamId}/aggregates");

        var org = await GetAsync(fixture.Org.Manager.ApiKey, "/api/org/aggregates");
        org.GetProperty("groups").EnumerateArray().Where(g => g.GetProperty("teamId").ValueKind != JsonValueKind.Null)
            .Select(g => g.GetProperty("teamId").GetGuid()).Distinct().ShouldBe([fixture.Org.TeamId]);
    }

    [Fact]
    public async Task Another_organisations_team_is_not_found()
    {
        var other = await Org.SeedAsync(App);

        await GetAsync(fixture.Org.Admin.ApiKey, $"/api/teams/{other.TeamId}/aggregates", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("granularity=day", "granularity")]
    [InlineData("granularity=quarter", "granularity")]
    [InlineData("from=2026-11-03&to=2026-11-15", "from")]
    [InlineData("from=2026-11-02&to=2026-11-14", "to")]
    [InlineData("from=2026-11-02&to=2026-11-08&granularity=month", "from")]
    [InlineData("from=2026-11-01&to=2026-11-29&granularity=month", "to")]
    [InlineData("from=2026-11-30&to=2026-11-01&granularity=month", "after")]
    [InlineData("from=2020-01-06&to=2026-01-04", "year")]
    public async Task Free_windows_and_other_granularities_are_a_400_that_says_what_is_accepted(string query, string about)
    {
        var response = await App.ClientWithKey(fixture.Org.Admin.ApiKey).GetAsync($"/api/org/aggregates?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadAsStringAsync();
        problem.ShouldContain(about);
        if (about is "granularity" or "from" or "to") problem.ShouldContain("week (ISO weeks, Monday–Sunday) or month");
    }

    [Fact]
    public async Task The_team_command_shows_the_same_published_week_with_a_chart_and_hides_small_teams()
    {
        await App.PostUpdateAsync(TelegramUpdates.Text(fixture.Org.Admin.TelegramId, "/team"));

        var texts = await fixture.Telegram.WaitForCallsAsync(c => c.ChatId == fixture.Org.Admin.TelegramId && c.Method == "sendMessage", 2);
        var photos = await fixture.Telegram.WaitForCallsAsync(c => c.ChatId == fixture.Org.Admin.TelegramId && c.Method == "sendPhoto", 2);
        texts.ShouldContain(t => t.Text!.Contains("Small") && t.Text.Contains(Catalogue.Instance.Get(Msg.TeamWeekHidden, "uk", 5)));
        texts.ShouldContain(t => t.Text!.Contains("Участь: 83 %") && t.Text.Contains("40/100"));
        texts.ShouldAllBe(t => !t.Text!.Contains(" з "));
        photos.ShouldAllBe(p => p.Files["photo"].Take(4).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
        photos.ShouldContain(p => !p.Text!.Contains("Small") && p.Files["photo"].Length > 10_000);

        await App.PostUpdateAsync(TelegramUpdates.Text(fixture.Employee.TelegramId, "/team"));
        (await fixture.Telegram.WaitForMessageAsync(fixture.Employee.TelegramId)).Text.ShouldBe(Catalogue.Instance.Get(Msg.TeamNotAllowed, "uk"));
    }
}
