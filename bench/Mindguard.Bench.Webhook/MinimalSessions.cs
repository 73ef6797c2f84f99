using Microsoft.Extensions.Options;
using Mindguard.Features.Checkin;
using Mindguard.Features.Checkin.Bank;
using Mindguard.Features.Checkin.Sessions;
using Npgsql;
using StackExchange.Redis;

namespace Mindguard.Bench.Webhook;

/// <summary>
/// Opens a check-in for each seeded person for the minimal endpoint, as <c>/checkin</c> would: the
/// day's row, the session in Redis (with the app's own session code, under the endpoint's key prefix)
/// and the first question "shown" in the fake Telegram. It uses another local date than the app's run,
/// so both store the same number of fresh answers and neither reads the other's.
/// </summary>
public static class MinimalSessions
{
    public static async Task OpenAsync(NpgsqlDataSource db, IDatabase redis, FakeTelegram telegram, DateOnly date, CheckinOptions options)
    {
        var sessions = new CheckinSessions(redis, Options.Create(options));
        var people = new List<(Guid Id, long TelegramId, string Cadence, string Language)>();
        await using (var read = db.CreateCommand("SELECT id, telegram_id, cadence, language FROM users WHERE telegram_id >= @first ORDER BY telegram_id"))
        {
            read.Parameters.AddWithValue("first", Seeder.FirstTelegramId);
            await using var rows = await read.ExecuteReaderAsync();
            while (await rows.ReadAsync()) people.Add((rows.GetGuid(0), rows.GetInt64(1), rows.GetString(2), rows.GetString(3)));
        }

        await using var connection = await db.OpenConnectionAsync();
        foreach (var (id, telegramId, cadence, language) in people)
        {
            await using (var day = new NpgsqlCommand(AppSql.EnsureDay, connection))
            {
                day.Parameters.AddWithValue("userId", id);
                day.Parameters.AddWithValue("date", date);
                await day.ExecuteNonQueryAsync();
            }
            var questions = DailySet.For(id, date, cadence, QuestionBank.Instance).Select(q => q.Id).ToList();
            var session = await sessions.StartAsync(id, telegramId, date, questions, language);
            var keyboard = CheckinMessages.Keyboard(session, 0, QuestionBank.Instance[questions[0]]);
            telegram.Show(telegramId, [.. keyboard.InlineKeyboard.SelectMany(row => row).Select(button => button.CallbackData!)]);
        }
    }
}
