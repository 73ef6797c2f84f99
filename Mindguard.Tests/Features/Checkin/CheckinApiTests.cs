using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mindguard.Features.Checkin;
using Mindguard.Features.Checkin.Bank;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Checkin;

public sealed class CheckinApiFixture : AppFixture;

public sealed class CheckinApiTests(CheckinApiFixture fixture) : IClassFixture<CheckinApiFixture>
{
    private MindguardApp App => fixture.App;

    private static string Today => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv")).ToString("yyyy-MM-dd");

    [Fact]
    public async Task The_question_bank_is_served_in_the_asked_language()
    {
        var org = await Org.SeedAsync(App);
        var client = App.ClientWithKey(org.Manager.ApiKey);

        var en = await client.GetFromJsonAsync<JsonElement>("/api/questions?lang=en");
        var uk = await client.GetFromJsonAsync<JsonElement>("/api/questions");

        en.GetProperty("questions").GetArrayLength().ShouldBe(QuestionBank.Instance.All.Count);
        en.GetProperty("questions")[0].GetProperty("text").GetString().ShouldBe(QuestionBank.Instance.All[0].Text["en"]);
        uk.GetProperty("language").GetString().ShouldBe("uk");
        foreach (var question in en.GetProperty("questions").EnumerateArray())
        {
            question.GetProperty("source").GetString().ShouldNotBeNullOrWhiteSpace();
            question.GetProperty("licence").GetString().ShouldNotBeNullOrWhiteSpace();
        }
        uk.GetProperty("questions").EnumerateArray().ShouldAllBe(q => !string.IsNullOrWhiteSpace(q.GetProperty("translation").GetString()));
        en.GetProperty("attributions").EnumerateArray().Select(a => a.GetString()).ShouldContain(a => a!.Contains("WHO Collaborating Centre in Mental Health, Frederiksborg General Hospital"));
        (await client.GetAsync("/api/questions?lang=de")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Answers_submitted_over_the_api_follow_the_same_rules_as_the_bot()
    {
        var org = await Org.SeedAsync(App);
        var person = await org.EmployeeAsync(App);
        var client = App.ClientWithKey(person.ApiKey);
        var set = DailySet.For(person.Id, DateOnly.Parse(Today), "daily", QuestionBank.Instance);

        var first = await client.PostAsJsonAsync($"/api/me/checkins/{Today}/answers",
            set.Take(3).Select(q => new { questionId = q.Id, value = q.Options[0].Value }));
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await (await client.PostAsJsonAsync($"/api/me/checkins/{Today}/answers",
            set.Select(q => new { questionId = q.Id, value = q.Options[^1].Value }))).Content.ReadFromJsonAsync<JsonElement>();

        again.GetProperty("stored").GetArrayLength().ShouldBe(2);
        again.GetProperty("alreadyAnswered").GetArrayLength().ShouldBe(3);
        again.GetProperty("completed").GetBoolean().ShouldBeTrue();
        var days = await client.GetFromJsonAsync<JsonElement>("/api/me/checkins");
        var day = days.GetProperty("items")[0];
        day.GetProperty("date").GetString().ShouldBe(Today);
        day.GetProperty("answers").GetArrayLength().ShouldBe(5);
        day.GetProperty("answers").EnumerateArray().First(a => a.GetProperty("questionId").GetString() == set[0].Id)
            .GetProperty("value").GetInt32().ShouldBe(set[0].Options[0].Value);
    }

    [Fact]
    public async Task A_question_can_be_skipped_over_the_api_and_counts_as_done_but_never_scores()
    {
        var org = await Org.SeedAsync(App);
        var person = await org.EmployeeAsync(App);
        var client = App.ClientWithKey(person.ApiKey);
        var set = DailySet.For(person.Id, DateOnly.Parse(Today), "daily", QuestionBank.Instance);

        var response = await client.PostAsJsonAsync($"/api/me/checkins/{Today}/answers",
            set.Select((q, i) => i < 2 ? (object)new { questionId = q.Id, skipped = true } : new { questionId = q.Id, value = q.Options[0].Value }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("stored").GetArrayLength().ShouldBe(5);
        body.GetProperty("completed").GetBoolean().ShouldBeTrue();
        var answers = (await client.GetFromJsonAsync<JsonElement>("/api/me/checkins")).GetProperty("items")[0].GetProperty("answers").EnumerateArray().ToList();
        answers.Count(a => a.GetProperty("skipped").GetBoolean() && a.GetProperty("value").ValueKind == JsonValueKind.Null).ShouldBe(2);
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM checkin_answers WHERE user_id = @Id AND score IS NULL", person)).ShouldBe(2);
        using var openApi = JsonDocument.Parse(await App.Http.GetStringAsync("/openapi/v1.json"));
        openApi.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .Where(schema => schema.Name.Contains("AnswerInput")).SelectMany(schema => schema.Value.GetProperty("properties").EnumerateObject())
            .Select(property => property.Name).ShouldContain("skipped");
    }

    [Theory]
    [InlineData("[{\"questionId\":\"who5.1\"}]")]
    [InlineData("[{\"questionId\":\"who5.1\",\"value\":1,\"skipped\":true}]")]
    [InlineData("[{\"questionId\":\"who5.1\",\"value\":9}]")]
    [InlineData("[{\"questionId\":\"no.such\",\"value\":1}]")]
    [InlineData("[{\"questionId\":\"phq9.9\",\"value\":0}]")]
    [InlineData("[{\"questionId\":\"who5.1\",\"value\":1},{\"questionId\":\"who5.1\",\"value\":2}]")]
    [InlineData("[]")]
    public async Task Bad_answers_are_rejected_with_problem_details_and_nothing_is_stored(string body)
    {
        var org = await Org.SeedAsync(App);
        var person = await org.EmployeeAsync(App);

        var response = await App.ClientWithKey(person.ApiKey).PostAsync($"/api/me/checkins/{Today}/answers",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        await using var owner = await App.OwnerConnectionAsync();
        (await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM checkin_answers WHERE user_id = @Id", person)).ShouldBe(0);
    }

    [Fact]
    public async Task Only_today_or_yesterday_can_be_answered()
    {
        var org = await Org.SeedAsync(App);
        var person = await org.EmployeeAsync(App);

        var response = await App.ClientWithKey(person.ApiKey).PostAsJsonAsync("/api/me/checkins/2020-01-01/answers", new[] { new { questionId = "mood.today", value = 3 } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("today");
    }
}
