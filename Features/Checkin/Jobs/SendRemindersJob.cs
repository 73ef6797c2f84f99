using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Scheduling;
using Mindguard.Infrastructure.Telegram.Outbox;

namespace Mindguard.Features.Checkin.Jobs;

/// <summary>
/// One gentle reminder when a prompted check-in is still not done some hours later (4 by default),
/// only on the same local day, never between 22:00 and 08:00 local time and never to paused people.
/// </summary>
public sealed class SendRemindersJob(NpgsqlDataSource db, TimeProvider time, IOptions<CheckinOptions> options, ILogger<SendRemindersJob> logger) : IRecurringJob
{
    public const string BroadcastKind = "checkin-reminders";
    private const int Batch = 500;
    private static readonly string DueSql = Sql.Load<SendRemindersJob>("FindDueReminders");
    private static readonly string ClaimSql = Sql.Load<SendRemindersJob>("ClaimReminders");

    public async Task RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var due = (await session.Connection.QueryAsync<Due>(session.Command(DueSql, new
        {
            now,
            afterSeconds = options.Value.ReminderHours * 3600,
            quietUntil = CheckinOptions.QuietUntil,
            quietFrom = CheckinOptions.QuietFrom,
            batch = Batch,
        }, ct))).ToList();
        if (due.Count == 0) return;

        var claimed = (await session.Connection.QueryAsync<Guid>(session.Command(ClaimSql, new
        {
            userIds = due.Select(d => d.UserId).ToArray(),
            dates = due.Select(d => d.LocalDate).ToArray(),
            now,
        }, ct))).ToHashSet();
        var broadcast = claimed.Count > 0 ? await Outbox.StartBroadcastAsync(session, BroadcastKind, skipped: 0, ct) : (Guid?)null;
        foreach (var person in due.Where(d => claimed.Contains(d.UserId)))
        {
            var text = Catalogue.Instance.Get(Msg.CheckinReminder, person.Language);
            await Outbox.EnqueueAsync(session, person.TelegramId, person.UserId,
                new OutboxPayload(text, CheckinMessages.StartButton(person.Language), Broadcast: true), ct, broadcast);
        }
        await session.CommitAsync(ct);
        logger.LogInformation("Sent {Count} check-in reminders", claimed.Count);
    }

    private sealed record Due(Guid UserId, long TelegramId, string Language, DateOnly LocalDate);
}
