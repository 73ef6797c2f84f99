using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
        // Org.TeamId: the manager plus 4 employees answer (5 respondents); the small team: 4 answer.
        await App.SeedDaysAsync(Org.Manager, 20, _ => 3);
        for (var i = 0; i < 4; i++) await App.SeedDaysAsync(await Org.EmployeeAsync(App), 20, _ => 3);
        await App.SeedDaysAsync(SmallTeamManager, 20, _ => 0);
        for (var i = 0; i < 3; i++) await App.SeedDaysAsync(await Org.EmployeeAsync(App, SmallTeam), 20, _ => 0);
        Employee = await Org.EmployeeAsync(App);
    }
}

public sealed class AggregatesTests(AggregatesFixture fixture) : IClassFixture<AggregatesFixture>
{
    private MindguardApp App => fixture.App;
    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd");
    private static string WeekAgo => DateTime.UtcNow.AddDays(-6).ToString("yyyy-MM-dd");

    private async Task<JsonElement> GetAsync(string key, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await App.ClientWithKey(key).GetAsync(path);
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement SingleGroup(JsonElement body, Guid? team) =>
        body.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("teamId").ValueKind == JsonValueKind.Null ? team is null : g.GetProperty("teamId").GetGuid() == team);

    [Fact]
    public async Task A_team_of_five_gets_numbers_and_a_team_of_four_is_suppressed()
    {
        var big = SingleGroup(await GetAsync(fixture.Org.Admin.ApiKey, $"/api/teams/{fixture.Org.TeamId}/aggregates?from={WeekAgo}&to={Today}"), fixture.Org.TeamId);
        var small = SingleGroup(await GetAsync(fixture.Org.Admin.ApiKey, $"/api/teams/{fixture.SmallTeam}/aggregates?from={WeekAgo}&to={Today}"), fixture.SmallTeam);

        big.GetProperty("suppressed").GetBoolean().ShouldBeFalse();
        big.GetProperty("respondents").GetInt32().ShouldBe(5);
        big.GetProperty("participationRate").GetDouble().ShouldBe(5.0 / 6, 1e-9);
        var who5 = big.GetProperty("metrics").GetProperty("who5");
        who5.GetProperty("mean").GetDouble().ShouldBe(40, 1e-9);
        who5.GetProperty("levels").GetProperty("low").GetInt32().ShouldBe(5);

        small.GetProperty("suppressed").GetBoolean().ShouldBeTrue();
        small.GetProperty("respondents").ValueKind.ShouldBe(JsonValueKind.Null);
        small.GetProperty("metrics").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task No_combination_of_calls_reveals_the_team_of_four()
    {
        foreach (var granularity in new[] { "week", "day" })
        {
            var org = await GetAsync(fixture.Org.Admin.ApiKey, $"/api/org/aggregates?from={WeekAgo}&to={Today}&granularity={granularity}");
            foreach (var group in org.GetProperty("groups").EnumerateArray())
            {
                var isSmall = group.GetProperty("teamId").ValueKind != JsonValueKind.Null && group.GetProperty("teamId").GetGuid() == fixture.SmallTeam;
                var isTotal = group.GetProperty("teamId").ValueKind == JsonValueKind.Null;
                // The total would be big team + small team: publishing it would reveal the small one.
                if (isSmall || isTotal) group.GetProperty("suppressed").GetBoolean().ShouldBeTrue($"{granularity} {group}");
            }
        }
    }

    [Fact]
    public async Task Employees_get_403_and_managers_see_only_their_own_team()
    {
        await GetAsync(fixture.Employee.ApiKey, $"/api/teams/{fixture.Org.TeamId}/aggregates", HttpStatusCode.Forbidden);
        await GetAsync(fixture.Employee.ApiKey, "/api/org/aggregates", HttpStatusCode.Forbidden);
        await GetAsync(fixture.SmallTeamManager.ApiKey, $"/api/teams/{fixture.Org.TeamId}/aggregates", HttpStatusCode.Forbidden);
        await GetAsync(fixture.Org.Manager.ApiKey, $"/api/teams/{fixture.Org.TeamId}/aggregates?from={WeekAgo}&to={Today}");

        var org = await GetAsync(fixture.Org.Manager.ApiKey, $"/api/org/aggregates?from={WeekAgo}&to={Today}");
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
    [InlineData("granularity=month")]
    [InlineData("from=2026-05-01&to=2026-04-01")]
    [InlineData("from=2020-01-01&to=2026-01-01")]
    public async Task Bad_ranges_are_rejected(string query)
    {
        await GetAsync(fixture.Org.Admin.ApiKey, $"/api/org/aggregates?{query}", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_team_command_shows_the_same_numbers_with_a_chart_and_suppression_for_small_teams()
    {
        await App.PostUpdateAsync(TelegramUpdates.Text(fixture.Org.Admin.TelegramId, "/team"));

        var texts = await fixture.Telegram.WaitForCallsAsync(c => c.ChatId == fixture.Org.Admin.TelegramId && c.Method == "sendMessage", 2);
        var photos = await fixture.Telegram.WaitForCallsAsync(c => c.ChatId == fixture.Org.Admin.TelegramId && c.Method == "sendPhoto", 2);
        texts.ShouldContain(t => t.Text!.Contains("Small") && t.Text.Contains(Catalogue.Instance.Get(Msg.TeamSuppressed, "uk", 5)));
        texts.ShouldContain(t => t.Text!.Contains("Участь: 5 з 6") && t.Text.Contains("40/100"));
        photos.ShouldAllBe(p => p.Files["photo"].Take(4).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
        photos.ShouldContain(p => !p.Text!.Contains("Small") && p.Files["photo"].Length > 10_000);

        await App.PostUpdateAsync(TelegramUpdates.Text(fixture.Employee.TelegramId, "/team"));
        (await fixture.Telegram.WaitForMessageAsync(fixture.Employee.TelegramId)).Text.ShouldBe(Catalogue.Instance.Get(Msg.TeamNotAllowed, "uk"));
    }
}
