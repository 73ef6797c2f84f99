using Mindguard.Features.Checkin;
using Mindguard.Features.Checkin.Bank;
using Mindguard.Features.Status;
using Mindguard.Infrastructure.Database;
using Microsoft.Extensions.DependencyInjection;

namespace Mindguard.Tests.Support;

/// <summary>Writes past check-ins straight into the database, as if the person had answered the daily set each day.</summary>
public static class AnswerSeeder
{
    /// <param name="pick">Chooses the option index for a question (0 = first option of its scale).</param>
    /// <param name="every">Days between check-ins (3 or 7 for those cadences), each with that cadence's set.</param>
    public static async Task SeedDaysAsync(this MindguardApp app, TestUser user, int days, Func<Question, int>? pick = null, DateOnly? lastDay = null,
        int every = 1)
    {
        var cadence = every switch { 3 => "every3days", 7 => "weekly", _ => "daily" };
        var end = lastDay ?? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Kyiv")).DateTime);
        var rows = new List<AnswerRow>();
        for (var d = 0; d < days; d += every)
        {
            var date = end.AddDays(-d);
            foreach (var question in DailySet.For(user.Id, date, cadence, QuestionBank.Instance))
            {
                var value = question.Options[Math.Clamp(pick?.Invoke(question) ?? 1, 0, question.Options.Count - 1)].Value;
                rows.Add(new AnswerRow(user.Id, date, question.Id, value, question.Metric, question.Item, question.Score(value)));
            }
        }
        await using var owner = await app.OwnerConnectionAsync();
        await owner.ExecuteAsync("""
            INSERT INTO checkin_answers (user_id, local_date, question_id, value, metric, item, score)
            VALUES (@UserId, @Date, @QuestionId, @Value, @Metric, @Item, @Score)
            ON CONFLICT DO NOTHING
            """, rows);

        // What the app does after storing answers: keep the person's daily estimates current.
        var recorder = app.Services.GetRequiredService<EstimateRecorder>();
        for (var d = days - 1; d >= 0; d--)
            if (d % every == 0) await recorder.RecordAsync(Actor.System, user.Id, end.AddDays(-d), CancellationToken.None, cadence);
    }

    private sealed record AnswerRow(Guid UserId, DateOnly Date, string QuestionId, int Value, string Metric, int? Item, int Score);
}
