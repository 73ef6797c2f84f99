using Mindguard.Features.Alerts.Rules;
using Mindguard.Features.Users.Resources;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Consequences;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram.Outbox;

namespace Mindguard.Features.Alerts.Consequences;

/// <summary>
/// After a completed check-in: if the person is noticeably below their own normal, a gentle private
/// message with self-help options, at most once every 14 days. Nobody else is told. The fortnight is
/// remembered in PostgreSQL in the same transaction as the message, so a failure never leaves one
/// without the other.
/// </summary>
public sealed class EarlySignalConsequence(ILogger<EarlySignalConsequence> logger) : IConsequenceHandler
{
    private const int QuietDays = 14;
    private static readonly string SeriesSql = Sql.Load<EarlySignalConsequence>("GetWellbeingSeries");
    private static readonly string ClaimSql = Sql.Load<EarlySignalConsequence>("ClaimEarlySignal");

    public string Kind => ConsequenceKinds.EarlySignal;

    public async Task HandleAsync(DbSession session, Consequence consequence, CancellationToken ct)
    {
        var member = await Members.FindAsync(session, consequence.UserId, ct);
        if (member is not { Active: true, TelegramId: { } chat }) return;
        var today = consequence.LocalDate;
        var days = (await session.Connection.QueryAsync<(DateOnly, double?, double?)>(session.Command(SeriesSql,
            new { userId = member.Id, from = today.AddDays(-13 - EarlySignal.BaselineDays), to = today }, ct))).ToList();
        if (!EarlySignal.Detect(days, today, member.Cadence)) return;
        if (await session.Connection.ExecuteAsync(session.Command(ClaimSql, new { userId = member.Id, today, quietDays = QuietDays }, ct)) == 0) return;

        // Self-help and the organisation's support: a mildly hard fortnight is not a crisis-line matter.
        var list = await SupportResources.ForAsync(session, member.OrganisationId, member.Language, ct);
        await Outbox.EnqueueAsync(session, chat, member.Id, new OutboxPayload(SupportResources.Text(list, Msg.EarlySignal, member.Language)), ct,
            lane: OutboxLane.Safety);
        logger.LogInformation("Early signal queued privately");
    }
}
