using Mindguard.Features.Status;
using Mindguard.Features.Status.Metrics;
using Mindguard.Features.Status.Periods;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Privacy;
using Mindguard.Infrastructure.Scheduling;
using Mindguard.Infrastructure.Telegram.Outbox;
using NodaTime;

namespace Mindguard.Features.Alerts.Summaries;

/// <summary>
/// Hourly: each organisation whose Monday 09:00 has come (in its own time zone) gets last week's
/// summary once — per team, the week's published cells as that recipient may read them: participation as
/// a percentage and the means only for teams meeting k (besides the recipient), others shown as hidden.
/// Managers get their team, admins every team. The "sent" row and the messages commit together; a week
/// not yet published (ClosePeriods) is summarised on a later run.
/// </summary>
public sealed class SendWeeklySummariesJob(
    NpgsqlDataSource db, PublishedAggregates aggregates, IOptions<AnonymityOptions> anonymity, TimeProvider time,
    ILogger<SendWeeklySummariesJob> logger) : IRecurringJob
{
    private static readonly LocalTime SendAt = new(9, 0);
    private static readonly string OrganisationsSql = Sql.Load<SendWeeklySummariesJob>("ListOrganisationsForSummary");
    private static readonly string ClaimSql = Sql.Load<SendWeeklySummariesJob>("ClaimWeeklySummary");
    private static readonly string RecipientsSql = Sql.Load<SendWeeklySummariesJob>("ListSummaryRecipients");
    private static readonly string TeamsSql = Sql.Load<SendWeeklySummariesJob>("ListOrganisationTeams");

    public async Task RunAsync(CancellationToken ct)
    {
        var now = Instant.FromDateTimeOffset(time.GetUtcNow());
        List<(Guid Id, string TimeZone)> organisations;
        await using (var session = await db.OpenSessionAsync(Actor.System, ct))
        {
            organisations = (await session.Connection.QueryAsync<(Guid, string)>(session.Command(OrganisationsSql, null, ct))).ToList();
        }
        foreach (var (organisation, zone) in organisations)
        {
            var local = now.InZone(DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) ?? DateTimeZoneProviders.Tzdb["Europe/Kyiv"]).LocalDateTime;
            // IsoDayOfWeek runs Monday = 1 … Sunday = 7.
            var thisMonday = local.Date.ToDateOnly().AddDays(1 - (int)local.DayOfWeek);
            // Only once the Monday 09:00 of this week has passed; later hours of the week catch up.
            if (local.Date.ToDateOnly() == thisMonday && local.TimeOfDay < SendAt) continue;
            await SendAsync(organisation, thisMonday.AddDays(-7), ct);
        }
    }

    private async Task SendAsync(Guid organisation, DateOnly weekStart, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var recipients = (await session.Connection.QueryAsync<(Guid Id, long TelegramId, string Language, string Role, Guid? TeamId)>(
            session.Command(RecipientsSql, new { organisation }, ct))).ToList();
        var texts = new List<(Guid Id, long TelegramId, string Text)>();
        var teams = (await session.Connection.QueryAsync<(Guid Id, string Name)>(session.Command(TeamsSql, new { organisation }, ct))).ToDictionary(t => t.Id, t => t.Name);
        foreach (var recipient in recipients)
        {
            var visible = recipient.Role == Actor.Admin ? teams.Keys.ToList() : recipient.TeamId is { } own ? [own] : new List<Guid>();
            var mine = (await aggregates.ReadAsync(organisation, recipient.Id, Granularity.Week, weekStart, weekStart.AddDays(6), 1, visible, withTotal: false, ct))
                .Where(g => g.TeamId is { } team && teams.ContainsKey(team)).ToList();
            if (mine.Count == 0) continue;
            texts.Add((recipient.Id, recipient.TelegramId, Text(mine, teams, weekStart, recipient.Language)));
        }
        if (texts.Count == 0) return;
        if (await session.Connection.ExecuteAsync(session.Command(ClaimSql, new { organisation, weekStart }, ct)) == 0) return;
        foreach (var (id, chat, text) in texts)
            await Outbox.EnqueueAsync(session, chat, id, new OutboxPayload(text, Broadcast: true), ct);
        await session.CommitAsync(ct);
        logger.LogInformation("Weekly summary for the week of {Week} queued for {Recipients} people", weekStart, texts.Count);
    }

    private string Text(IEnumerable<GroupAggregate> groups, IReadOnlyDictionary<Guid, string> teams, DateOnly weekStart, string language)
    {
        string T(string key, params object[] args) => Catalogue.Instance.Get(key, language, args);
        string Mean(GroupAggregate g, string metric) =>
            g.Metrics![metric].Mean is { } v ? StatusMessages.Format(metric, v, language) : T(Msg.TeamCellHidden);
        var k = anonymity.Value.K;
        var lines = groups.OrderBy(g => teams[g.TeamId!.Value]).Select(g => g.Suppressed
            ? T(Msg.SummaryTeamSuppressed, teams[g.TeamId!.Value], k)
            : T(Msg.SummaryTeamPercent, teams[g.TeamId!.Value], TeamBotHandler.Percent(g), Mean(g, Metric.Who5), Mean(g, Metric.Stress)));
        return T(Msg.SummaryHeader, Dates.Range(weekStart, weekStart.AddDays(6), language), k) + "\n" + string.Join("\n", lines);
    }
}
