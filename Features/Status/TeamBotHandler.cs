using System.Globalization;
using Mindguard.Features.Status.Aggregates;
using Mindguard.Features.Status.Metrics;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Privacy;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Status;

/// <summary>
/// <c>/team</c> for managers and admins: each of their teams' latest week with a chart of the last
/// 12 weeks. The numbers come from the same aggregation as the API, suppression included.
/// </summary>
public sealed class TeamBotHandler(
    Members members, OrganisationAggregates aggregates, NpgsqlDataSource db, BotReplies replies, IOptions<AnonymityOptions> anonymity, TimeProvider time) : IBotHandler
{
    private const int Weeks = 12;
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

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var groups = await aggregates.ComputeAsync(member.OrganisationId, teams.Select(t => t.Id).ToList(),
            thisMonday.AddDays(-7 * (Weeks - 1)), today, Granularity.Week, withTotal: false, ct);

        foreach (var (id, name) in teams)
        {
            var weeks = groups.Where(g => g.TeamId == id).OrderBy(g => g.PeriodStart).ToList();
            var latest = weeks[^1];
            var line = latest.Suppressed
                ? T(Msg.TeamSuppressed, anonymity.Value.K)
                : T(Msg.TeamLine, latest.Respondents!, latest.Members, Mean(latest, Metric.Who5), Mean(latest, Metric.Stress));
            await replies.SendTextAsync(request.ChatId, T(Msg.TeamHeader, name, latest.PeriodStart.ToString("dd.MM.yyyy")) + "\n" + line, ct);
            await replies.SendPhotoAsync(request.ChatId, Chart(name, weeks, member.Language), T(Msg.TeamChartCaption, name), ct);
        }

        string Mean(GroupAggregate g, string metric) =>
            g.Metrics![metric].Mean is { } v ? StatusMessages.Format(metric, v, member.Language) : T(Msg.StatusNotEnough);
    }

    private static byte[] Chart(string team, IReadOnlyList<GroupAggregate> weeks, string language)
    {
        string T(string key) => Catalogue.Instance.Get(key, language);
        // Suppressed weeks are gaps: no value of theirs is drawn.
        return TrendChart.Render(Catalogue.Instance.Get(Msg.TeamChartCaption, language, team), language,
        [
            new TrendChart.Series(T(Msg.ChartParticipation) + " (%)", weeks.Select(w => (w.PeriodStart, w.ParticipationRate * 100)).ToList(), 0, 100),
            new TrendChart.Series(T(Msg.ChartWho5) + " (0–100)", weeks.Select(w => (w.PeriodStart, w.Metrics?[Metric.Who5].Mean)).ToList(), 0, 100),
            new TrendChart.Series(T(Msg.ChartStress) + " (0–40)", weeks.Select(w => (w.PeriodStart, w.Metrics?[Metric.Stress].Mean)).ToList(), 0, 40),
        ]);
    }
}
