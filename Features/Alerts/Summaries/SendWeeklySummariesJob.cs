using Mindguard.Features.Status;
using Mindguard.Features.Status.Aggregates;
using Mindguard.Features.Status.Metrics;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Privacy;
using Mindguard.Infrastructure.Scheduling;
using Mindguard.Infrastructure.Telegram.Outbox;
using NodaTime;

namespace Mindguard.Features.Alerts.Summaries;

/// <summary>
/// Hourly: each organisation whose Monday 09:00 has come (in its own time zone) gets last week's
/// summary once — per team, participation and k-anonymous aggregates, suppressed teams shown as such.
/// Managers get their team, admins every team. The "sent" row and the messages commit together.
/// </summary>
public sealed class SendWeeklySummariesJob(
    NpgsqlDataSource db, OrganisationAggregates aggregates, IOptions<AnonymityOptions> anonymity, TimeProvider time,
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
        var groups = await aggregates.ComputeAsync(organisation, null, weekStart, weekStart.AddDays(6), Granularity.Week, withTotal: false, ct);
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        if (await session.Connection.ExecuteAsync(session.Command(ClaimSql, new { organisation, weekStart }, ct)) == 0) return;
        var teams = (await session.Connection.QueryAsync<(Guid Id, string Name)>(session.Command(TeamsSql, new { organisation }, ct))).ToDictionary(t => t.Id, t => t.Name);
        var recipients = (await session.Connection.QueryAsync<(Guid Id, long TelegramId, string Language, string Role, Guid? TeamId)>(
            session.Command(RecipientsSql, new { organisation }, ct))).ToList();

        foreach (var recipient in recipients)
        {
            var mine = groups.Where(g => g.TeamId is { } team && teams.ContainsKey(team) && (recipient.Role == Actor.Admin || team == recipient.TeamId)).ToList();
            if (mine.Count == 0) continue;
            await Outbox.EnqueueAsync(session, recipient.TelegramId, recipient.Id,
                new OutboxPayload(Text(mine, teams, weekStart, recipient.Language), Broadcast: true), ct);
        }
        await session.CommitAsync(ct);
        logger.LogInformation("Weekly summary for the week of {Week} queued for {Recipients} people", weekStart, recipients.Count);
    }

    private string Text(IEnumerable<GroupAggregate> groups, IReadOnlyDictionary<Guid, string> teams, DateOnly weekStart, string language)
    {
        string T(string key, params object[] args) => Catalogue.Instance.Get(key, language, args);
        string Mean(GroupAggregate g, string metric) =>
            g.Metrics![metric].Mean is { } v ? StatusMessages.Format(metric, v, language) : T(Msg.StatusNotEnough);
        var k = anonymity.Value.K;
        var lines = groups.OrderBy(g => teams[g.TeamId!.Value]).Select(g => g.Suppressed
            ? T(Msg.SummaryTeamSuppressed, teams[g.TeamId!.Value], k)
            : T(Msg.SummaryTeam, teams[g.TeamId!.Value], g.Respondents!, g.Members, Mean(g, Metric.Who5), Mean(g, Metric.Stress)));
        return T(Msg.SummaryHeader, weekStart.ToString("dd.MM"), weekStart.AddDays(6).ToString("dd.MM"), k) + "\n" + string.Join("\n", lines);
    }
}
