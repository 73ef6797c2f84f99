using System.Globalization;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Status;

/// <summary><c>/status</c>: the 14-day estimates and a trend chart; <c>/history</c>: the last 14 check-ins.</summary>
public sealed class StatusBotHandler(Members members, PersonalStatus status, NpgsqlDataSource db, BotReplies replies) : IBotHandler
{
    private const int HistoryDays = 14;
    private static readonly string HistorySql = Sql.Load<StatusBotHandler>("GetRecentCheckins");

    public BotRoute Route { get; } = new() { Commands = ["/status", "/history"] };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        var member = await members.FindOrAskToJoinAsync(request, replies, ct);
        if (member is null) return;
        if (request.Command == "/history")
        {
            await replies.SendTextAsync(request.ChatId, await HistoryAsync(member, ct), ct);
            return;
        }

        var view = await status.ReadAsync(member, ct);
        if (!view.Ready)
        {
            await replies.SendTextAsync(request.ChatId, StatusMessages.NotYet(view.DaysWithAnswers, member.Language), ct);
            return;
        }
        await replies.SendTextAsync(request.ChatId, StatusMessages.Report(view, member.Language), ct);
        await replies.SendPhotoAsync(request.ChatId, TrendChart.Personal(view, member.Language),
            Catalogue.Instance.Get(Msg.StatusChartCaption, member.Language), ct);
    }

    private async Task<string> HistoryAsync(Member member, CancellationToken ct)
    {
        string T(string key, params object[] args) => Catalogue.Instance.Get(key, member.Language, args);
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        var days = (await session.Connection.QueryAsync<(DateTime Date, int Answers, double? Mood, bool Completed)>(
            session.Command(HistorySql, new { userId = member.Id, limit = HistoryDays }, ct))).ToList();
        if (days.Count == 0) return T(Msg.HistoryEmpty);
        var culture = CultureInfo.GetCultureInfo(member.Language);
        var lines = days.Select(d => T(Msg.HistoryLine, Dates.DayMonth(DateOnly.FromDateTime(d.Date), member.Language), d.Answers,
            d.Mood is { } mood ? T(Msg.HistoryMood, mood.ToString("0.#", culture)) : "", d.Completed ? " ✓" : ""));
        return T(Msg.HistoryHeader) + "\n" + string.Join("\n", lines);
    }
}
