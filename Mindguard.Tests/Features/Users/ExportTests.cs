using System.Text.Json;
using System.Text.RegularExpressions;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Users;

public sealed partial class ExportTests(ExportScenario scenario) : IClassFixture<ExportScenario>
{
    private TestUser Person => scenario.Person;

    private async Task<List<T>> StoredAsync<T>(string sql)
    {
        await using var owner = await scenario.App.OwnerConnectionAsync();
        return (await owner.QueryAsync<T>(sql, new { Person.Id })).ToList();
    }

    private static List<JsonElement> Items(JsonElement export, string path) =>
        path.Split('.').Aggregate(export, (e, name) => e.GetProperty(name)).EnumerateArray().ToList();

    [Fact]
    public async Task The_export_holds_every_answer_day_note_and_estimate_of_the_person_decrypted()
    {
        var export = ExportScenario.Parse(scenario.FromApi);

        var answers = Items(export, "checkins.answers").Select(a => (a.GetProperty("localDate").GetString()!, a.GetProperty("questionId").GetString()!)).ToList();
        var stored = await StoredAsync<(DateOnly, string)>("SELECT local_date, question_id FROM checkin_answers WHERE user_id = @Id ORDER BY local_date, answered_at, id");
        stored.Count.ShouldBeGreaterThan(5 * 40);
        answers.ShouldBe(stored.Select(s => (s.Item1.ToString("yyyy-MM-dd"), s.Item2)).ToList());

        Items(export, "checkins.notes").Select(n => n.GetProperty("text").GetString()).ShouldBe([ExportScenario.Note]);
        var days = await StoredAsync<DateOnly>("SELECT local_date FROM checkin_days WHERE user_id = @Id ORDER BY local_date");
        Items(export, "checkins.days").Select(d => d.GetProperty("localDate").GetString()).ShouldBe(days.Select(d => d.ToString("yyyy-MM-dd")));
        Items(export, "checkins.days").Last().GetProperty("completedAt").ValueKind.ShouldBe(JsonValueKind.String);

        var estimates = await StoredAsync<(DateOnly, double?)>("SELECT local_date, who5 FROM daily_estimates WHERE user_id = @Id ORDER BY local_date");
        estimates.Count.ShouldBeGreaterThan(40);
        Items(export, "estimates").Select(e => (e.GetProperty("localDate").GetString()!, e.GetProperty("who5").ValueKind == JsonValueKind.Null ? null : (double?)e.GetProperty("who5").GetDouble()))
            .ShouldBe(estimates.Select(e => (e.Item1.ToString("yyyy-MM-dd"), e.Item2)).ToList());
        Items(export, "memberships").ShouldHaveSingleItem().GetProperty("validTo").ValueKind.ShouldBe(JsonValueKind.Null);
        var counted = (await StoredAsync<long>("SELECT count(*) FROM aggregate_respondents WHERE user_id = @Id")).Single();
        counted.ShouldBeGreaterThan(0);
        Items(export, "countedInAggregates").Count.ShouldBe((int)counted);
        Items(export, "countedInAggregates").ShouldAllBe(c => c.GetProperty("metrics").EnumerateArray().Any(m => m.GetString() == "mood"));
    }

    [Fact]
    public async Task The_export_holds_the_alerts_about_the_person_with_their_trail_the_follow_up_and_the_transcript()
    {
        var export = ExportScenario.Parse(scenario.FromApi);

        var stored = await StoredAsync<Guid>("SELECT id FROM alerts WHERE user_id = @Id ORDER BY raised_at, id");
        var alerts = Items(export, "alerts");
        alerts.Select(a => a.GetProperty("id").GetGuid()).ShouldBe(stored);
        var acknowledged = alerts.Single(a => a.GetProperty("id").GetGuid() == scenario.AcknowledgedAlert);
        acknowledged.GetProperty("status").GetString().ShouldBe("acknowledged");
        acknowledged.GetProperty("acknowledgedAt").ValueKind.ShouldBe(JsonValueKind.String);
        acknowledged.GetProperty("events").EnumerateArray().Select(e => (e.GetProperty("action").GetString(), e.GetProperty("by").GetString()))
            .ShouldBe([("talk requested", "you"), ("acknowledged", "care_contact")]);

        var followUp = export.GetProperty("crisisFollowUp");
        followUp.GetProperty("closedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        followUp.GetProperty("nextAt").GetDateTime().ShouldBeGreaterThan(DateTime.UtcNow);
        export.GetProperty("earlySignal").GetProperty("lastSentOn").GetString().ShouldBe(scenario.Today.ToString("yyyy-MM-dd"));
        Items(export, "processing").Select(p => p.GetProperty("kind").GetString()).ShouldContain("crisis");

        var voice = Items(export, "voiceNotes").ShouldHaveSingleItem();
        voice.GetProperty("transcript").GetString().ShouldBe(ExportScenario.Transcript);
        voice.GetProperty("selfHarmRisk").GetBoolean().ShouldBeTrue();

        // The manager's acknowledgement reached the person's access log, with what it was about.
        Items(export, "accessLog").ShouldContain(a => a.GetProperty("what").GetString() == "alert" && a.GetProperty("readerRole").GetString() == "manager"
                                                      && a.GetProperty("detail").ValueKind == JsonValueKind.Object);
    }

    [Fact]
    public void The_bot_sends_the_same_document_as_the_api()
    {
        static string WithoutTime(string json) => ExportTimeRegex().Replace(json, "");

        WithoutTime(scenario.FromBot).ShouldBe(WithoutTime(scenario.FromApi));
    }

    [Fact]
    public void Nothing_of_a_colleague_or_of_the_manager_who_acted_is_in_the_export()
    {
        foreach (var json in new[] { scenario.FromApi, scenario.FromBot })
        {
            json.ShouldNotContain(scenario.Colleague.Id.ToString());
            json.ShouldNotContain(ExportScenario.ColleagueNote);
            json.ShouldNotContain(scenario.Org.Manager.Id.ToString());
            json.ShouldNotContain(scenario.Colleague.TelegramId.ToString());
        }
    }

    [Fact]
    public async Task A_managers_export_holds_their_own_acts_and_is_in_the_audit_log_and_an_employees_is_not()
    {
        var managers = ExportScenario.Parse(scenario.ManagersExport);
        Items(managers, "ownActs").ShouldContain(a => a.GetProperty("action").GetString() == "alert.acknowledged"
                                                      && a.GetProperty("targetId").GetGuid() == scenario.AcknowledgedAlert);
        scenario.ManagersExport.ShouldNotContain(Person.Id.ToString());

        await using var owner = await scenario.App.OwnerConnectionAsync();
        var exports = (await owner.QueryAsync<(Guid? Actor, string Via)>(
            "SELECT actor_id, detail->>'via' FROM audit_log WHERE action = 'data.exported' AND organisation_id = @Id", scenario.Org)).ToList();
        exports.ShouldBe([(scenario.Org.Manager.Id, "api")]);
    }

    /// <summary>docs/export-schema.md documents every field (any depth) the export returns, and nothing it does not return.</summary>
    [Fact]
    public void Every_exported_field_is_documented_and_every_documented_field_is_exported()
    {
        var rows = DocumentedFields();
        var opaque = rows.Where(r => r.Type.Contains("free-form")).Select(r => r.Path).ToHashSet();
        var exported = new HashSet<string>();
        // The person's export has every section filled but their own acts, which the manager's has.
        foreach (var json in new[] { scenario.FromApi, scenario.ManagersExport }) Walk(ExportScenario.Parse(json), "", exported, opaque);

        var documented = rows.Select(r => r.Path).ToHashSet();
        exported.Except(documented).Order().ShouldBeEmpty("exported but not in docs/export-schema.md");
        documented.Except(exported).Order().ShouldBeEmpty("in docs/export-schema.md but not exported");
    }

    [Fact]
    public async Task The_api_describes_the_export_as_a_named_schema_with_the_exported_fields()
    {
        using var openApi = JsonDocument.Parse(await scenario.App.Http.GetStringAsync("/openapi/v1.json"));
        var schema = openApi.RootElement.GetProperty("paths").GetProperty("/api/me/export").GetProperty("get").GetProperty("responses")
            .GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        schema.GetProperty("$ref").GetString().ShouldBe("#/components/schemas/PersonalDataDocument");

        var described = openApi.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("PersonalDataDocument")
            .GetProperty("properties").EnumerateObject().Select(p => p.Name);
        described.ShouldBe(ExportScenario.Parse(scenario.FromApi).EnumerateObject().Select(p => p.Name), ignoreOrder: true);
    }

    private static void Walk(JsonElement element, string path, HashSet<string> paths, HashSet<string> opaque)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                var child = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                paths.Add(child);
                if (!opaque.Contains(child)) Walk(property.Value, child, paths, opaque);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)) Walk(item, path + "[]", paths, opaque);
        }
    }

    private static List<(string Path, string Type)> DocumentedFields()
    {
        var file = Path.Combine(RepositoryRoot(), "docs", "export-schema.md");
        return File.ReadLines(file).Select(line => DocumentedRowRegex().Match(line)).Where(m => m.Success)
            .Select(m => (m.Groups["path"].Value, m.Groups["type"].Value)).ToList();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Mindguard.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Mindguard.sln not found above the test binaries");
    }

    [GeneratedRegex(@"^\| `(?<path>[^`]+)` \| (?<type>[^|]+) \|")]
    private static partial Regex DocumentedRowRegex();

    [GeneratedRegex("\"exportedAt\": \"[^\"]+\"")]
    private static partial Regex ExportTimeRegex();
}
