using Mindguard.Features.Users.Consent;
using Mindguard.Features.Users.Resources;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Scheduling;
using Mindguard.Infrastructure.Telegram.Outbox;

namespace Mindguard.Features.Checkin.Jobs;

/// <summary>
/// Every minute: people whose local check-in time has come today, who are active, not paused, due by
/// their cadence and have no check-in row for their local date get one, and a prompt in the outbox,
/// in the same transaction. The row's key (person, local date) makes double dispatch impossible; a
/// job that missed hours catches up within the same local day. Someone who has not agreed to the consent
/// text as it reads now (a member from before consent was asked, or the text changed) gets the consent
/// screen instead, once per text; their check-ins wait until they agree.
/// </summary>
public sealed class DispatchDueCheckinsJob(NpgsqlDataSource db, ConsentScreen consent, TimeProvider time, ILogger<DispatchDueCheckinsJob> logger) : IRecurringJob
{
    public const string BroadcastKind = "checkin-prompts";
    private const int Batch = 500;
    private static readonly string DueSql = Sql.Load<DispatchDueCheckinsJob>("FindDueCheckins");
    private static readonly string ClaimSql = Sql.Load<DispatchDueCheckinsJob>("ClaimCheckinDays");
    private static readonly string SkippedSql = Sql.Load<DispatchDueCheckinsJob>("CountSkippedCheckins");
    private static readonly string AskedSql = Sql.Load<DispatchDueCheckinsJob>("MarkConsentAsked");

    public async Task RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var total = 0;
        Guid? broadcast = null;
        while (true)
        {
            var (found, queued, id) = await DispatchBatchAsync(now, broadcast, ct);
            total += queued;
            broadcast = id;
            if (found < Batch) break;
        }
        if (total > 0) logger.LogInformation("Dispatched {Count} check-in prompts", total);
    }

    /// <returns>People found due, prompts queued, and the run's broadcast (opened with its first prompt).</returns>
    private async Task<(int Found, int Queued, Guid? Broadcast)> DispatchBatchAsync(DateTimeOffset now, Guid? broadcast, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var found = (await session.Connection.QueryAsync<Due>(session.Command(DueSql, new
        {
            now, anchor = DailySet.Anchor, batch = Batch, consentVersion = ConsentText.Version,
        }, ct))).ToList();
        if (found.Count == 0) return (0, 0, broadcast);
        await AskForConsentAsync(session, found.Where(d => !d.Consented).ToList(), ct);

        var due = found.Where(d => d.Consented).ToList();
        var claimed = (await session.Connection.QueryAsync<Guid>(session.Command(ClaimSql, new
        {
            userIds = due.Select(d => d.Id).ToArray(),
            dates = due.Select(d => d.LocalDate).ToArray(),
            now,
        }, ct))).ToHashSet();
        if (claimed.Count > 0 && broadcast is null)
        {
            var skipped = await session.Connection.ExecuteScalarAsync<int>(session.Command(SkippedSql, new { now }, ct));
            broadcast = await Outbox.StartBroadcastAsync(session, BroadcastKind, skipped, ct);
        }
        foreach (var person in due.Where(d => claimed.Contains(d.Id)))
        {
            var text = Catalogue.Instance.Get(Msg.CheckinPrompt, person.Language);
            await Outbox.EnqueueAsync(session, person.TelegramId, person.Id,
                new OutboxPayload(text, CheckinMessages.StartButton(person.Language), Broadcast: true), ct, broadcast);
        }
        await session.CommitAsync(ct);
        return (found.Count, claimed.Count, broadcast);
    }

    private async Task AskForConsentAsync(DbSession session, IReadOnlyList<Due> people, CancellationToken ct)
    {
        if (people.Count == 0) return;
        var asked = (await session.Connection.QueryAsync<Guid>(session.Command(AskedSql, new
        {
            userIds = people.Select(p => p.Id).ToArray(),
            consentVersion = ConsentText.Version,
        }, ct))).ToHashSet();
        foreach (var person in people.Where(p => asked.Contains(p.Id)))
        {
            var resources = await SupportResources.ForAsync(session, person.OrganisationId, person.Language, ct);
            var (text, buttons) = consent.Question(Catalogue.Instance.Get(Msg.ConsentIntroMember, person.Language), person.Language, resources);
            await Outbox.EnqueueAsync(session, person.TelegramId, person.Id, new OutboxPayload(text, buttons), ct);
        }
    }

    private sealed record Due(Guid Id, long TelegramId, string Language, DateOnly LocalDate, Guid OrganisationId, bool Consented);
}
