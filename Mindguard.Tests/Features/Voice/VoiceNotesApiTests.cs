using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mindguard.Tests.Fakes.OpenAi;
using Mindguard.Tests.Fakes.Telegram;
using Mindguard.Tests.Support;

namespace Mindguard.Tests.Features.Voice;

[Collection(VoiceCollection.Name)]
public sealed class VoiceNotesApiTests(VoiceAppFixture fixture) : VoiceTestBase(fixture)
{

    private async Task SayAsync(TestUser person, string transcript, int seconds = 12)
    {
        OpenAi.Transcript = transcript;
        await App.SendVoiceAsync(Telegram, person, VoiceDriver.Recording(), seconds);
        await Telegram.WaitForMessageAsync(person.TelegramId, c => c.Text!.Contains(transcript));
    }

    [Fact]
    public async Task Own_notes_are_listed_newest_first_decrypted_and_in_pages()
    {
        var person = await App.PersonAsync();
        for (var i = 1; i <= 3; i++) await SayAsync(person, $"Нотатка номер {i}", seconds: 10 * i);
        var client = App.ClientWithKey(person.ApiKey);

        var first = await client.GetFromJsonAsync<JsonElement>("/api/me/voice-notes?limit=2");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await client.GetFromJsonAsync<JsonElement>($"/api/me/voice-notes?limit=2&cursor={cursor}");

        Transcripts(first).ShouldBe(["Нотатка номер 3", "Нотатка номер 2"]);
        cursor.ShouldNotBeNullOrEmpty();
        Transcripts(second).ShouldBe(["Нотатка номер 1"]);
        second.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        var newest = first.GetProperty("items")[0];
        newest.GetProperty("durationSeconds").GetInt32().ShouldBe(30);
        newest.GetProperty("mood").GetInt32().ShouldBe(3);
        newest.GetProperty("stress").GetInt32().ShouldBe(4);
        newest.GetProperty("topics").EnumerateArray().Select(t => t.GetString()).ShouldBe(["workload", "team"]);
        newest.GetProperty("selfHarmRisk").GetBoolean().ShouldBeFalse();
        newest.GetProperty("createdAt").GetDateTime().ShouldBe(DateTime.UtcNow, TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task Another_persons_key_can_neither_see_nor_delete_my_notes()
    {
        var mine = await App.PersonAsync();
        var theirs = await App.PersonAsync();
        await SayAsync(mine, "Це лише для мене.");
        var me = App.ClientWithKey(mine.ApiKey);
        var them = App.ClientWithKey(theirs.ApiKey);
        var id = (await me.GetFromJsonAsync<JsonElement>("/api/me/voice-notes")).GetProperty("items")[0].GetProperty("id").GetGuid();

        Transcripts(await them.GetFromJsonAsync<JsonElement>("/api/me/voice-notes")).ShouldBeEmpty();
        var stolen = await them.DeleteAsync($"/api/me/voice-notes/{id}");
        stolen.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        stolen.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var stolenProblem = await stolen.Content.ReadFromJsonAsync<JsonElement>();
        stolenProblem.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
        (await App.VoiceRowsAsync(mine)).ShouldBe(1);

        (await me.DeleteAsync($"/api/me/voice-notes/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await App.VoiceRowsAsync(mine)).ShouldBe(0);
        Transcripts(await me.GetFromJsonAsync<JsonElement>("/api/me/voice-notes")).ShouldBeEmpty();
        var gone = await me.DeleteAsync($"/api/me/voice-notes/{id}");
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await me.DeleteAsync($"/api/me/voice-notes/{Guid.CreateVersion7()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Each problem belongs to its own request.
        (await gone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("traceId").GetString().ShouldNotBe(stolenProblem.GetProperty("traceId").GetString());
        (await App.Http.GetAsync("/api/me/voice-notes")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_data_export_in_the_bot_and_the_api_includes_the_decrypted_transcripts()
    {
        var person = await App.PersonAsync();
        await SayAsync(person, "Хочу більше часу на відпочинок.");

        await App.PostUpdateAsync(TelegramUpdates.Text(person.TelegramId, "/export"));
        var document = await Telegram.WaitForCallAsync(c => c.Method == "sendDocument" && c.ChatId == person.TelegramId);
        using var fromBot = JsonDocument.Parse(document.Files.Values.Single());
        var fromApi = await App.ClientWithKey(person.ApiKey).GetFromJsonAsync<JsonElement>("/api/me/export");

        foreach (var export in new[] { fromBot.RootElement, fromApi })
        {
            var note = export.GetProperty("voiceNotes").EnumerateArray().ShouldHaveSingleItem();
            note.GetProperty("transcript").GetString().ShouldBe("Хочу більше часу на відпочинок.");
            note.GetProperty("topics").GetArrayLength().ShouldBe(2);
        }
    }

    [Fact]
    public async Task Deleting_the_person_deletes_their_voice_notes_with_them()
    {
        var person = await App.PersonAsync();
        await SayAsync(person, "Скоро відпустка.");

        (await App.ClientWithKey(person.ApiKey).DeleteAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await App.VoiceRowsAsync(person)).ShouldBe(0);
    }

    [Fact]
    public async Task Neither_a_colleague_nor_an_admin_can_read_or_write_someones_notes_even_with_hand_written_sql()
    {
        var person = await App.PersonAsync();
        await SayAsync(person, "Приватна думка.");
        TestUser colleague, admin;
        await using (var owner = await App.OwnerConnectionAsync())
        {
            colleague = await TestData.UserAsync(owner, person.OrganisationId, person.TeamId);
            admin = await TestData.UserAsync(owner, person.OrganisationId, role: "admin");
        }
        await using var runtime = new NpgsqlConnection(TestEnvironment.RuntimeConnectionString(App.DatabaseUrl));
        await runtime.OpenAsync();

        foreach (var reader in new[] { colleague, admin })
        {
            await using var tx = await AsAsync(runtime, reader);
            (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM voice_notes", transaction: tx)).ShouldBe(0);
            (await runtime.ExecuteAsync("DELETE FROM voice_notes WHERE user_id = @Id", person, tx)).ShouldBe(0);
            var forged = await Should.ThrowAsync<PostgresException>(() => runtime.ExecuteAsync("""
                INSERT INTO voice_notes (id, user_id, telegram_message_id, duration_seconds, transcript, topics, mood, stress, self_harm_risk)
                VALUES (gen_random_uuid(), @Id, 1, 1, '\x00', '\x00', 3, 3, false)
                """, person, tx));
            forged.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
        await using (var tx = await AsAsync(runtime, person))
            (await runtime.ExecuteScalarAsync<long>("SELECT count(*) FROM voice_notes", transaction: tx)).ShouldBe(1);
    }

    [Fact]
    public async Task The_openapi_document_describes_both_voice_note_operations_with_their_problems()
    {
        using var doc = JsonDocument.Parse(await App.Http.GetStringAsync("/openapi/v1.json"));
        var paths = doc.RootElement.GetProperty("paths");

        var list = paths.GetProperty("/api/me/voice-notes").GetProperty("get");
        var delete = paths.GetProperty("/api/me/voice-notes/{id}").GetProperty("delete");

        list.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
        delete.GetProperty("summary").GetString().ShouldNotBeNullOrWhiteSpace();
        list.GetProperty("responses").TryGetProperty("401", out _).ShouldBeTrue();
        delete.GetProperty("responses").TryGetProperty("404", out _).ShouldBeTrue();
        list.GetProperty("security").GetArrayLength().ShouldBeGreaterThan(0);
    }

    private static List<string?> Transcripts(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("transcript").GetString()).ToList();

    private static async Task<NpgsqlTransaction> AsAsync(NpgsqlConnection connection, TestUser user)
    {
        var tx = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("SELECT set_config('app.user_id', @u, true), set_config('app.org_id', @o, true), set_config('app.role', @r, true)",
            new { u = user.Id.ToString(), o = user.OrganisationId.ToString(), r = user.Role }, tx);
        return tx;
    }
}
