using System.Diagnostics;
using Mindguard.Features.Demo;
using Mindguard.Features.Status.Metrics;
using Npgsql;
using NpgsqlTypes;

namespace Mindguard.Bench;

public sealed record Seeded(Guid Organisation, Guid Team, Guid LongTimer, int People, long Answers, int EstimateRows, TimeSpan Elapsed);

/// <summary>Bulk-loads synthetic people and answers with COPY (staged, see <see cref="StagedCopy"/>), as the owner acting as the system.</summary>
public static class SyntheticData
{
    private const string UserColumns = "id, organisation_id, team_id, telegram_id, role";
    private const string AnswerColumns = "user_id, local_date, question_id, value, metric, item, score";
    private const string EstimateColumns = "user_id, local_date, who5, phq9, gad7, burnout, stress, sleep_hours, sleep_quality, wlb, mood";

    public static async Task<Seeded> SeedAsync(string ownerConnectionString, int people, int days, int longTimerDays)
    {
        var watch = Stopwatch.StartNew();
        var random = new Random(42);
        var organisation = Guid.CreateVersion7();
        var team = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand(
            "INSERT INTO organisations (id, name) VALUES (@o, 'Bench'); INSERT INTO teams (id, organisation_id, name) VALUES (@t, @o, 'Everyone')", connection))
        {
            command.Parameters.AddWithValue("o", organisation);
            command.Parameters.AddWithValue("t", team);
            await command.ExecuteNonQueryAsync();
        }

        var ids = Enumerable.Range(0, people).Select(_ => Guid.CreateVersion7()).ToList();
        await using (var users = await StagedCopy.BeginAsync(connection, "users", UserColumns))
        {
            for (var i = 0; i < ids.Count; i++)
            {
                await users.StartRowAsync();
                await users.WriteAsync(ids[i], NpgsqlDbType.Uuid);
                await users.WriteAsync(organisation, NpgsqlDbType.Uuid);
                await users.WriteAsync(team, NpgsqlDbType.Uuid);
                await users.WriteAsync(9_000_000_000L + i, NpgsqlDbType.Bigint);
                await users.WriteAsync("employee", NpgsqlDbType.Text);
            }
            await users.CompleteAsync();
        }
        await StagedCopy.MoveAsync(connection, "users", UserColumns);

        long answers = 0;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var estimates = new List<(Guid User, DateOnly Date, IReadOnlyDictionary<string, double?> Values)>();
        await using (var copy = await StagedCopy.BeginAsync(connection, "checkin_answers", AnswerColumns))
        {
            for (var i = 0; i < ids.Count; i++)
            {
                var profile = SyntheticAnswers.RandomProfile(random, deteriorating: i % 20 == 0);
                var span = i == 0 ? longTimerDays : days;
                var generated = SyntheticAnswers.Generate(ids[i], today, span, i == 0 ? profile with { Participation = 1 } : profile, random).ToList();
                // What the app's EstimateRecorder writes after each day's answers, computed by the same engine.
                var scored = generated.Select(a => new ScoredAnswer(a.Date, a.Question.Metric, a.Question.Item, a.Score)).ToList();
                foreach (var day in scored.Select(a => a.Date).Distinct())
                {
                    var report = MetricEngine.Report(MetricEngine.InWindow(scored, day), day);
                    estimates.Add((ids[i], day, report.ToDictionary(e => e.Metric, e => e.Value)));
                }
                foreach (var answer in generated)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(answer.UserId, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(answer.Date, NpgsqlDbType.Date);
                    await copy.WriteAsync(answer.Question.Id, NpgsqlDbType.Text);
                    await copy.WriteAsync(answer.Value, NpgsqlDbType.Integer);
                    await copy.WriteAsync(answer.Question.Metric, NpgsqlDbType.Text);
                    if (answer.Question.Item is { } item) await copy.WriteAsync(item, NpgsqlDbType.Integer);
                    else await copy.WriteNullAsync();
                    await copy.WriteAsync(answer.Score, NpgsqlDbType.Integer);
                    answers++;
                }
            }
            await copy.CompleteAsync();
        }
        await StagedCopy.MoveAsync(connection, "checkin_answers", AnswerColumns);
        await using (var copy = await StagedCopy.BeginAsync(connection, "daily_estimates", EstimateColumns))
        {
            foreach (var (user, date, values) in estimates)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(user, NpgsqlDbType.Uuid);
                await copy.WriteAsync(date, NpgsqlDbType.Date);
                foreach (var metric in Metric.All)
                {
                    if (values[metric] is { } value) await copy.WriteAsync(value, NpgsqlDbType.Double);
                    else await copy.WriteNullAsync();
                }
            }
            await copy.CompleteAsync();
        }
        await StagedCopy.MoveAsync(connection, "daily_estimates", EstimateColumns);
        await using (var analyze = new NpgsqlCommand("ANALYZE", connection)) await analyze.ExecuteNonQueryAsync();
        return new Seeded(organisation, team, ids[0], people, answers, estimates.Count, watch.Elapsed);
    }

    /// <summary>
    /// Spreads the people over <paramref name="count"/> teams (the first keeps its name and the long-timer), as if
    /// they had always been there: the membership history is rewritten to match.
    /// </summary>
    public static async Task<int> SplitIntoTeamsAsync(string ownerConnectionString, Guid organisation, int count)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO teams (id, organisation_id, name) SELECT gen_random_uuid(), @o, 'Team ' || g FROM generate_series(2, @count) g;
            WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS n FROM users WHERE organisation_id = @o),
                 t AS (SELECT id, row_number() OVER (ORDER BY created_at, name) - 1 AS k FROM teams WHERE organisation_id = @o)
            UPDATE users u SET team_id = t.id FROM numbered n JOIN t ON t.k = n.n % @count WHERE u.id = n.id;
            DELETE FROM memberships WHERE organisation_id = @o;
            INSERT INTO memberships (user_id, organisation_id, team_id, valid_from)
            SELECT id, organisation_id, team_id, '-infinity' FROM users WHERE organisation_id = @o AND active;
            ANALYZE memberships;
            """, connection);
        command.Parameters.AddWithValue("o", organisation);
        command.Parameters.AddWithValue("count", count);
        await command.ExecuteNonQueryAsync();
        return count;
    }
}
