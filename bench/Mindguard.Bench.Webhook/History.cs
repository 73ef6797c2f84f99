using Dapper;
using Mindguard.Features.Checkin;
using Mindguard.Features.Checkin.Bank;
using Npgsql;

namespace Mindguard.Bench.Webhook;

/// <summary>
/// Gives every seeded person two weeks of completed check-ins before the measured days, and brings
/// PostgreSQL's statistics up to date. A database that has been running looks like this: without it
/// the tables start empty, the 14-day reads find nothing, and PostgreSQL's first automatic ANALYZE of
/// the filling tables (about a minute after the database was created) lands in the middle of the load,
/// re-planning every query at once, a stall no running deployment has.
/// </summary>
public static class History
{
    public const int Days = 14;

    /// <param name="before">The earliest measured day; the history ends the day before it.</param>
    public static async Task SeedAsync(NpgsqlDataSource db, DateOnly before)
    {
        await using var connection = await db.OpenConnectionAsync();
        var people = (await connection.QueryAsync<Guid>("SELECT id FROM users WHERE telegram_id >= @first", new { first = Seeder.FirstTelegramId })).ToList();
        var random = new Random(17);
        var (userIds, dates, questionIds, values, metrics, items, scores) = (new List<Guid>(), new List<DateOnly>(), new List<string>(), new List<int>(), new List<string>(), new List<int?>(), new List<int>());
        foreach (var person in people)
        {
            for (var d = 1; d <= Days; d++)
            {
                var date = before.AddDays(-d);
                foreach (var question in DailySet.For(person, date, "daily", QuestionBank.Instance))
                {
                    var value = question.Options[random.Next(question.Options.Count)].Value;
                    userIds.Add(person); dates.Add(date); questionIds.Add(question.Id); values.Add(value);
                    metrics.Add(question.Metric); items.Add(question.Item); scores.Add(question.Score(value));
                }
            }
        }
        await connection.ExecuteAsync("""
            INSERT INTO checkin_answers (user_id, local_date, question_id, value, metric, item, score, answered_at)
            SELECT u, d, q, v, m, i, s, d + time '10:05'
            FROM unnest(@userIds::uuid[], @dates::date[], @questionIds::text[], @values::int[], @metrics::text[], @items::int[], @scores::int[]) AS t(u, d, q, v, m, i, s);
            INSERT INTO checkin_days (user_id, local_date, prompted_at, completed_at)
            SELECT DISTINCT u, d, d + time '10:00', d + time '10:06'
            FROM unnest(@userIds::uuid[], @dates::date[]) AS t(u, d)
            ON CONFLICT DO NOTHING;
            """, new
        {
            userIds = userIds.ToArray(), dates = dates.Select(d => d.ToDateTime(TimeOnly.MinValue)).ToArray(), questionIds = questionIds.ToArray(),
            values = values.ToArray(), metrics = metrics.ToArray(), items = items.ToArray(), scores = scores.ToArray(),
        }, commandTimeout: 300);
        await connection.ExecuteAsync("VACUUM ANALYZE", commandTimeout: 300);
    }
}
