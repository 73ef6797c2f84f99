using System.Text.Json;
using Mindguard.Infrastructure.Localization;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Users;

public sealed class ExportTests : AppsTestBase
{
    [Fact]
    public async Task The_export_holds_every_answer_the_person_gave_and_their_note_in_plain_text()
    {
        var app = await StartAppAsync();
        var person = await (await Org.SeedAsync(app)).EmployeeAsync(app);
        await app.GiveDataKeyAsync(person);
        var driver = new CheckinDriver(Telegram, person.TelegramId);
        await app.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/checkin"));
        for (var i = 0; i < 5; i++) await driver.AnswerAsync(app, i);
        await driver.ThanksAsync();
        await app.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "Hard week, holding on"));
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text == Catalogue.Instance.Get(Msg.CheckinNoteSaved, "uk"));

        using var export = JsonDocument.Parse(await app.ClientWithKey(person.ApiKey).GetStringAsync("/api/me/export"));

        var checkins = export.RootElement.GetProperty("checkins");
        var answered = checkins.GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("questionId").GetString()!).ToList();
        await using var owner = await app.OwnerConnectionAsync();
        var stored = (await owner.QueryAsync<string>("SELECT question_id FROM checkin_answers WHERE user_id = @Id ORDER BY id", new { person.Id })).ToList();
        stored.Count.ShouldBe(5);
        answered.ShouldBe(stored);
        checkins.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("text").GetString()).ShouldBe(["Hard week, holding on"]);
    }
}
