using Mindguard.Features.Alerts.Rules;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram.Outbox;
using StackExchange.Redis;

namespace Mindguard.Features.Alerts;

/// <summary>
/// After a completed check-in: if the person is noticeably below their own normal, a gentle private
/// message with self-help options, at most once every 14 days. Nobody else is told.
/// </summary>
public sealed class EarlySignals(NpgsqlDataSource db, IDatabase redis, ILogger<EarlySignals> logger)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromDays(14);
    private static readonly string SeriesSql = Sql.Load<EarlySignals>("GetWellbeingSeries");

    public async Task<bool> CheckAsync(Member member, DateOnly today, CancellationToken ct)
    {
        if (member.TelegramId is not { } chat) return false;
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        var days = (await session.Connection.QueryAsync<(DateOnly, double?, double?)>(session.Command(SeriesSql,
            new { userId = member.Id, from = today.AddDays(-13 - EarlySignal.BaselineDays), to = today }, ct))).ToList();
        if (!EarlySignal.Detect(days, today)) return false;
        // Redis remembers the last message so a hard fortnight brings one note, not fourteen.
        if (!await redis.StringSetAsync($"early-signal:{member.Id}", today.ToString("yyyy-MM-dd"), Quiet, When.NotExists)) return false;

        await Outbox.EnqueueAsync(session, chat, member.Id, new OutboxPayload(Catalogue.Instance.Get(Msg.EarlySignal, member.Language)), ct);
        await session.CommitAsync(ct);
        logger.LogInformation("Early signal sent privately");
        return true;
    }
}
