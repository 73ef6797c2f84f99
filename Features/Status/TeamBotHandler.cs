using System.Globalization;
using Mindguard.Features.Status.Metrics;
using Mindguard.Features.Status.Periods;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Privacy;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Status;

/// <summary>
/// <c>/team</c> for managers and admins: each of their teams' latest closed week with a chart of the last
/// 13 closed weeks. The numbers are the published cells the API serves to the same reader, suppression included.
/// </summary>
public sealed class TeamBotHandler(
    Members members, PublishedAggregates aggregates, NpgsqlDataSource db, BotReplies replies, IOptions<AnonymityOptions> anonymity) : IBotHandler
{
    private const int Weeks = 13;
    private static readonly string TeamsSql = Sql.Load<TeamBotHandler>("ListLedTeams");

    public BotRoute Route { get; } = new() { Commands = ["/team"] };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        var member = await members.FindByTelegramIdAsync(request.TelegramUserId, ct);
        if (member is null || !member.IsManagerOrAdmin)
        {
            var key = member is null ? Msg.NotAMember : Msg.TeamNotAllowed;
            await replies.SendTextAsync(request.ChatId, Catalogue.Instance.Get(key, member?.Language ?? request.Language), ct);
            return;
        }
        string T(string key, params object[] args) => Catalogue.Instance.Get(key, member.Language, args);

        List<(Guid Id, string Name)> teams;
        await using (var session = await db.OpenSessionAsync(member.Actor, ct))
        {
            teams = (await session.Connection.QueryAsync<(Guid, string)>(session.Command(TeamsSql,
                new { managerId = member.Role == Actor.Admin ? (Guid?)null : member.Id }, ct))).ToList();
        }
        if (teams.Count == 0)
        {
            await replies.SendTextAsync(request.ChatId, T(Msg.TeamNone), ct);
            return;
        }

        var groups = await aggregates.ReadAsync(member.OrganisationId, member.Id, Granularity.Week, null, null, Weeks,
            teams.Select(t => t.Id).ToList(), withTotal: false, ct);

        foreach (var (id, name) in teams)
        {
            var weeks = groups.Where(g => g.TeamId == id).OrderBy(g => g.PeriodStart).ToList();
            if (weeks.Count == 0)
            {
                await replies.SendTextAsync(request.ChatId, T(Msg.TeamNoClosedWeek, name), ct);
                continue;
            }
            var latest = weeks[^1];
            var line = latest.Suppressed
                ? T(Msg.TeamWeekHidden, anonymity.Value.K)
                : T(Msg.TeamLinePercent, Percent(latest), Mean(latest, Metric.Who5), Mean(latest, Metric.Stress));
            await replies.SendTextAsync(request.ChatId, T(Msg.TeamWeekHeader, name, Dates.Range(latest.PeriodStart, latest.PeriodEnd, member.Language)) + "\n" + line, ct);
            await replies.SendPhotoAsync(request.ChatId, Chart(name, weeks, member.Language), T(Msg.TeamChartCaption, name), ct);
        }

        string Mean(GroupAggregate g, string metric) =>
            g.Metrics![metric].Mean is { } v ? StatusMessages.Format(metric, v, member.Language) : T(Msg.TeamCellHidden);
    }

    /// <summary>Participation as a whole percentage: "5 of 6" would tell a manager who skipped.</summary>
    public static string Percent(GroupAggregate g) => ((int)Math.Round((g.ParticipationRate ?? 0) * 100)).ToString();

    private static byte[] Chart(string team, IReadOnlyList<GroupAggregate> weeks, string language)
    {
        string T(string key) => Catalogue.Instance.Get(key, language);
        // Only closed, published weeks are plotted; suppressed ones are gaps.
        return TrendChart.Render(Catalogue.Instance.Get(Msg.TeamChartCaption, language, team), language,
        [
            new TrendChart.Series(T(Msg.ChartParticipation) + " (%)", weeks.Select(w => (w.PeriodStart, w.ParticipationRate * 100)).ToList(), 0, 100),
            new TrendChart.Series(T(Msg.ChartWho5) + " (0–100)", weeks.Select(w => (w.PeriodStart, w.Metrics?[Metric.Who5].Mean)).ToList(), 0, 100),
            new TrendChart.Series(T(Msg.ChartStress) + " (0–40)", weeks.Select(w => (w.PeriodStart, w.Metrics?[Metric.Stress].Mean)).ToList(), 0, 40),
        ]);
    }
}
