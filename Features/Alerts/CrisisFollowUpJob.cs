using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Scheduling;
using Mindguard.Infrastructure.Telegram.Outbox;
using Telegram.Bot.Types.ReplyMarkups;

namespace Mindguard.Features.Alerts;

/// <summary>Every 15 minutes: anyone whose follow-up is due (and not in their quiet hours) is asked how they are today, with two buttons.</summary>
public sealed class CrisisFollowUpJob(NpgsqlDataSource db, TimeProvider time, ILogger<CrisisFollowUpJob> logger) : IRecurringJob
{
    private static readonly string ClaimSql = Sql.Load<CrisisFollowUpJob>("ClaimDueFollowUps");

    public async Task RunAsync(CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var due = (await session.Connection.QueryAsync<(Guid UserId, long TelegramId, string Language, Guid PromptId)>(
            session.Command(ClaimSql, new { now = time.GetUtcNow() }, ct))).ToList();
        foreach (var (userId, chat, language, promptId) in due)
        {
            string T(string key) => Catalogue.Instance.Get(key, language);
            await Outbox.EnqueueAsync(session, chat, userId, new OutboxPayload(T(Msg.CrisisFollowup), new InlineKeyboardMarkup(
            [
                [InlineKeyboardButton.WithCallbackData(T(Msg.CrisisFollowupBetter), CrisisPath.Better(promptId)),
                 InlineKeyboardButton.WithCallbackData(T(Msg.CrisisFollowupHard), CrisisPath.Hard(promptId))],
            ])), ct, lane: OutboxLane.Safety);
        }
        await session.CommitAsync(ct);
        if (due.Count > 0) logger.LogInformation("Asked {Count} people how they are after a crisis", due.Count);
    }
}
