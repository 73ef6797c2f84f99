using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Mindguard.Features.Status.Metrics;
using Mindguard.Features.Status.Periods;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Status.Periods;

/// <summary>
/// An insider with every key the API hands out tries every query it accepts, before and after the
/// target is moved, deactivated and forgotten, and tries to difference the target out of what came back.
/// </summary>
public sealed class DifferencingAttackTests : AppsTestBase
{
    private const int K = 4;
    private const int Admin1 = 0, Admin2 = 1, ManagerA = 2, Target = 3, ManagerB = 8, People = 13;
    private static readonly int[] TeamA = [ManagerA, Target, 4, 5, 6, 7];
    private static readonly int[] TeamB = [ManagerB, 9, 10, 11, 12];

    private enum State { Base, Moved, Inactive, Forgotten }

    [Fact]
    public async Task No_reader_can_difference_the_target_out_of_any_published_cells()
    {
        // The attacker is patient: the per-key rate limit is lifted so every query fits in one test.
        var app = await StartAppAsync(s => { s["ANONYMITY_K"] = K.ToString(); s["API_RATE_LIMIT_PER_MINUTE"] = "1000000"; });
        var org = await Org.SeedAsync(app);
        var people = new TestUser[People];
        Guid teamB;
        await using (var owner = await app.OwnerConnectionAsync())
        {
            teamB = await TestData.TeamAsync(owner, org.Id, "B");
            people[Admin1] = org.Admin;
            people[Admin2] = await TestData.UserAsync(owner, org.Id, role: "admin");
            people[ManagerA] = org.Manager;
            foreach (var i in TeamA.Skip(1)) people[i] = await TestData.UserAsync(owner, org.Id, org.TeamId);
            people[ManagerB] = await TestData.UserAsync(owner, org.Id, teamB, role: "manager");
            foreach (var i in TeamB.Skip(1)) people[i] = await TestData.UserAsync(owner, org.Id, teamB);
        }
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv")).DateTime);
        var first = today.AddDays(-55);
        var last = today.AddDays(27);
        // The readers ManagerB and Admin2 never answer; everyone else answers every day, the target at the extreme.
        for (var i = 0; i < People; i++)
        {
            if (i is ManagerB or Admin2) continue;
            var option = i == Target ? 99 : 1 + i % 2;
            await app.SeedDaysAsync(people[i], last.DayNumber - first.DayNumber + 1, _ => option, lastDay: last);
        }
        var estimates = await EstimatesAsync(app, people);

        var groupOf = new Dictionary<string, Guid?> { ["org"] = null, ["A"] = org.TeamId, ["B"] = teamB };
        var readers = new (int Index, string[] Groups)[]
        {
            (ManagerA, ["A", "org"]), (ManagerB, ["B", "org"]), (Admin1, ["A", "B", "org"]), (Admin2, ["A", "B", "org"]),
        };
        var queries = Queries(first, last, today).ToList();
        var firstSeen = new Dictionary<(string, DateOnly, DateOnly), State>();
        var seen = readers.ToDictionary(r => r.Index, _ => new List<SeenCell>());

        async Task ReadEverythingAsync(State state)
        {
            foreach (var (reader, groups) in readers)
            {
                var client = app.ClientWithKey(people[reader].ApiKey);
                foreach (var where in groups)
                foreach (var query in queries)
                {
                    var path = where == "org" ? "/api/org/aggregates" : $"/api/teams/{groupOf[where]}/aggregates";
                    var response = await client.GetAsync($"{path}?{query}");
                    if (response.StatusCode != HttpStatusCode.OK) continue;
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                    foreach (var group in body.GetProperty("groups").EnumerateArray())
                    {
                        var name = group.GetProperty("teamId").ValueKind == JsonValueKind.Null ? "org" : group.GetProperty("teamId").GetGuid() == teamB ? "B" : "A";
                        var start = DateOnly.Parse(group.GetProperty("periodStart").GetString()!);
                        var end = DateOnly.Parse(group.GetProperty("periodEnd").GetString()!);
                        var closedIn = firstSeen.TryAdd((name, start, end), state) ? state : firstSeen[(name, start, end)];
                        if (group.GetProperty("suppressed").GetBoolean()) continue;
                        foreach (var metric in group.GetProperty("metrics").EnumerateObject())
                        {
                            if (!metric.Value.TryGetProperty("mean", out var mean) || mean.ValueKind != JsonValueKind.Number) continue;
                            var respondents = Respondents(name, metric.Name, start, end, closedIn, estimates);
                            seen[reader].Add(new SeenCell($"{name}@{state}", metric.Name, start, end, mean.GetDouble(), respondents));
                        }
                    }
                }
            }
        }

        // The bot's /team shows each led team's latest published week: it must show nothing the API did not show the same reader.
        var botViolations = new List<string>();
        var botNumbers = 0;
        var sent = readers.ToDictionary(r => r.Index, _ => 0);
        var teamName = new Dictionary<string, string> { [$"Team {org.TeamId:N}"] = "A", ["B"] = "B" };
        async Task AskTheBotAsync()
        {
            foreach (var (reader, groups) in readers)
            {
                var chat = people[reader].TelegramId;
                (await app.PostUpdateAsync(Fakes.Telegram.TelegramUpdates.Text(chat, "/team"))).EnsureSuccessStatusCode();
                sent[reader] += groups.Length - 1;
                var texts = await Telegram.WaitForCallsAsync(c => c.ChatId == chat && c.Method == "sendMessage", sent[reader]);
                foreach (var text in texts.TakeLast(groups.Length - 1).Select(t => t.Text!))
                {
                    var header = System.Text.RegularExpressions.Regex.Match(text, @"«(.+)», тиждень ([^:\n]+):");
                    var who5 = System.Text.RegularExpressions.Regex.Match(text, @"WHO-5\): (\d+)/100");
                    if (!header.Success || !who5.Success) continue;
                    var week = header.Groups[2].Value;
                    botNumbers++;
                    var name = teamName[header.Groups[1].Value];
                    if (!seen[reader].Any(c => c.Where.StartsWith(name + "@") && c.Metric == Metric.Who5 && Dates.Range(c.Start, c.End, "uk") == week && c.Mean == double.Parse(who5.Groups[1].Value)))
                        botViolations.Add($"reader {reader}: /team showed {name} WHO-5 {who5.Groups[1].Value} for the week {week}, which the API did not");
                }
            }
        }

        var now = DateTimeOffset.UtcNow;
        await ReadEverythingAsync(State.Base);
        await ClosePeriodsAsync(app, now);
        await ReadEverythingAsync(State.Base);
        await AskTheBotAsync();

        var admin = app.ClientWithKey(org.Admin.ApiKey);
        (await admin.PatchAsJsonAsync($"/api/users/{people[Target].Id}", new { teamId = teamB })).EnsureSuccessStatusCode();
        await ReadEverythingAsync(State.Moved);
        await ClosePeriodsAsync(app, now.AddDays(7));
        await ReadEverythingAsync(State.Moved);
        await AskTheBotAsync();

        (await admin.PatchAsJsonAsync($"/api/users/{people[Target].Id}", new { active = false })).EnsureSuccessStatusCode();
        await ReadEverythingAsync(State.Inactive);
        await ClosePeriodsAsync(app, now.AddDays(14));
        await ReadEverythingAsync(State.Inactive);
        await AskTheBotAsync();

        // A deactivated person may still /forget in the bot; the tap on "yes" deletes them.
        (await app.PostUpdateAsync(Fakes.Telegram.TelegramUpdates.Callback(people[Target].TelegramId, "forget:v1:yes"))).EnsureSuccessStatusCode();
        await using (var owner = await app.OwnerConnectionAsync())
            (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE id = @Id", people[Target])).ShouldBe(0);
        await ReadEverythingAsync(State.Forgotten);
        await ClosePeriodsAsync(app, now.AddDays(42));
        await ReadEverythingAsync(State.Forgotten);
        await AskTheBotAsync();

        var violations = readers.SelectMany(r => CellAudit.Violations(seen[r.Index], r.Index, Target, People, K)
            .Select(v => $"reader {r.Index}: {v}")).Concat(botViolations).Distinct().ToList();
        foreach (var (reader, _) in readers) seen[reader].Count.ShouldBeGreaterThan(0, $"reader {reader} must have been shown something to attack");
        seen.Values.SelectMany(c => c).ShouldContain(c => c.Respondents.Contains(Target), "the target's answers must be in some published cell");
        botNumbers.ShouldBeGreaterThan(0, "/team must have shown some numbers");
        violations.Count.ShouldBe(0, $"{violations.Count} ways to single people out, among them:\n" + string.Join("\n", violations.Take(25)));
    }

    /// <summary>Who is behind a cell: the group's members in the state its period was first published in, with an estimate in the period.</summary>
    private static HashSet<int> Respondents(string group, string metric, DateOnly start, DateOnly end, State state,
        IReadOnlyDictionary<int, SortedDictionary<DateOnly, Dictionary<string, double?>>> estimates)
    {
        var index = Metric.All.ToList().IndexOf(metric);
        var result = new HashSet<int>();
        for (var p = 0; p < People; p++)
        {
            if (!MemberOf(p, group, state) || !estimates.TryGetValue(p, out var days)) continue;
            var inPeriod = days.Where(d => d.Key >= start && d.Key <= end).ToList();
            if (inPeriod.Count > 0 && inPeriod[^1].Value[metric] is not null) result.Add(p);
        }
        return result;
    }

    private static bool MemberOf(int person, string group, State state)
    {
        if (person == Target && state >= State.Inactive) return false;
        if (group == "org") return true;
        var team = person == Target ? (state == State.Base ? "A" : "B") : TeamA.Contains(person) ? "A" : TeamB.Contains(person) ? "B" : null;
        return team == group;
    }

    /// <summary>Every window an attacker would try: aligned weeks and months, long ranges, sliding free windows, each granularity.</summary>
    private static IEnumerable<string> Queries(DateOnly first, DateOnly last, DateOnly today)
    {
        yield return "";
        foreach (var granularity in new[] { "week", "month", "day" }) yield return $"granularity={granularity}";
        var monday = first.AddDays(-(((int)first.DayOfWeek + 6) % 7));
        for (var m = monday; m <= last; m = m.AddDays(7)) yield return $"from={m:yyyy-MM-dd}&to={m.AddDays(6):yyyy-MM-dd}&granularity=week";
        yield return $"from={monday:yyyy-MM-dd}&to={last.AddDays(14):yyyy-MM-dd}&granularity=week";
        var month = new DateOnly(first.Year, first.Month, 1);
        for (var m = month; m <= last; m = m.AddMonths(1)) yield return $"from={m:yyyy-MM-dd}&to={m.AddMonths(1).AddDays(-1):yyyy-MM-dd}&granularity=month";
        yield return $"from={month:yyyy-MM-dd}&to={last.AddDays(40):yyyy-MM-dd}&granularity=month";
        for (var d = today.AddDays(-10); d <= today.AddDays(1); d = d.AddDays(1))
        {
            yield return $"from={d.AddDays(-6):yyyy-MM-dd}&to={d:yyyy-MM-dd}&granularity=week";
            yield return $"from={d.AddDays(-6):yyyy-MM-dd}&to={d:yyyy-MM-dd}&granularity=day";
        }
    }

    private static async Task<Dictionary<int, SortedDictionary<DateOnly, Dictionary<string, double?>>>> EstimatesAsync(MindguardApp app, TestUser[] people)
    {
        await using var owner = await app.OwnerConnectionAsync();
        var rows = await owner.QueryAsync("SELECT user_id, local_date, who5, phq9, gad7, burnout, stress, sleep_hours, sleep_quality, wlb, mood FROM daily_estimates");
        var byUser = people.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var result = new Dictionary<int, SortedDictionary<DateOnly, Dictionary<string, double?>>>();
        foreach (IDictionary<string, object?> row in rows)
        {
            if (!byUser.TryGetValue((Guid)row["user_id"]!, out var person)) continue;
            var days = result.TryGetValue(person, out var d) ? d : result[person] = new SortedDictionary<DateOnly, Dictionary<string, double?>>();
            days[row["local_date"] switch { DateOnly x => x, DateTime x => DateOnly.FromDateTime(x), var x => throw new InvalidOperationException($"{x}") }] = Metric.All.ToDictionary(m => m, m => row[m] as double?);
        }
        return result;
    }

    /// <summary>Runs the period-closing job with a clock the test sets.</summary>
    private static Task ClosePeriodsAsync(MindguardApp app, DateTimeOffset at) =>
        ActivatorUtilities.CreateInstance<ClosePeriodsJob>(app.Services, (TimeProvider)new FakeTimeProvider(at)).RunAsync(CancellationToken.None);
}
