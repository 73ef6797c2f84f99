using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Mindguard.Features.Checkin;
using Mindguard.Features.Checkin.Sessions;
using StackExchange.Redis;

namespace Mindguard.Bench.Webhook;

/// <summary>
/// Brings people in the way real people come: an admin makes a team and an invite over the API, each
/// person sends <c>/start CODE</c>, taps "I agree" on the consent screen, and then <c>/checkin</c>, which opens a session and sends the first question.
/// </summary>
public static class Seeder
{
    public const long FirstTelegramId = 800_000_000;

    public static long TelegramId(int person) => FirstTelegramId + person;

    public static async Task SeedAsync(AppProcess app, Webhook webhook, FakeTelegram telegram, int people)
    {
        using var api = new HttpClient { BaseAddress = app.BaseUrl };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.ApiKey);

        var team = await PostAsync(api, "/api/teams", new { name = "Bench", timeZone = "UTC" });
        var invite = await PostAsync(api, "/api/invites", new { teamId = team.GetProperty("id").GetGuid(), role = "employee", maxUses = people });
        var code = invite.GetProperty("code").GetString()!;

        await Parallel.ForEachAsync(Enumerable.Range(0, people), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (person, ct) =>
        {
            var id = TelegramId(person);
            await ExpectOkAsync(webhook.PostAsync(Updates.Command(id, $"/start {code}"), ct), "/start");
            await ExpectOkAsync(webhook.PostAsync(Updates.Tap(id, 1, Mindguard.Features.Users.Consent.ConsentScreen.AgreeData), ct), "I agree");
            await ExpectOkAsync(webhook.PostAsync(Updates.Command(id, "/checkin"), ct), "/checkin");
            if (telegram.QuestionIn(id) is null) throw new InvalidOperationException($"Person {id} joined but got no check-in question");
        });
    }

    /// <summary>Sessions carry their local date; the app's is read back rather than assumed, in case the run began near midnight.</summary>
    public static async Task<DateOnly> SessionDateAsync(IDatabase appRedis, FakeTelegram telegram)
    {
        var sessionId = telegram.QuestionIn(FirstTelegramId)!.Buttons[0].Split(':')[2];
        var session = await new CheckinSessions(appRedis, Options.Create(new CheckinOptions())).FindAsync(sessionId);
        return session!.LocalDate;
    }

    private static async Task<JsonElement> PostAsync(HttpClient api, string path, object body)
    {
        var response = await api.PostAsJsonAsync(path, body);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task ExpectOkAsync(Task<HttpStatusCode> post, string what)
    {
        var status = await post;
        if (status != HttpStatusCode.OK) throw new InvalidOperationException($"{what} answered {(int)status}");
    }
}
