using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;
using Telegram.Bot.Types.ReplyMarkups;

namespace Mindguard.Features.Users.DataRights;

/// <summary>
/// A person's rights over their data in the bot: <c>/access</c> (who read it), <c>/export</c> (all of it
/// as a JSON file) and <c>/forget</c> (delete it, after a confirmation button <c>forget:v1:yes</c>).
/// </summary>
public sealed class DataRightsBotHandler(
    Members members, PersonalDataExport export, ForgetMember forget, NpgsqlDataSource db, BotReplies replies) : IBotHandler
{
    private const int AccessEntries = 20;
    private static readonly string AccessSql = Sql.Load<DataRightsBotHandler>("GetRecentAccess");

    public BotRoute Route { get; } = new() { Commands = ["/access", "/export", "/forget"], CallbackPrefixes = ["forget"] };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        var member = await members.FindByTelegramIdAsync(request.TelegramUserId, ct);
        if (member is null)
        {
            if (request.Callback is { } stale) await replies.AnswerCallbackAsync(stale.Id, Catalogue.Instance.Get(Msg.StaleButton, request.Language), ct);
            else await replies.SendTextAsync(request.ChatId, Catalogue.Instance.Get(Msg.NotAMember, request.Language), ct);
            return;
        }
        string T(string key, params object[] args) => Catalogue.Instance.Get(key, member.Language, args);

        if (request.Callback is { } callback)
        {
            await replies.AnswerCallbackAsync(callback.Id, null, ct);
            if (request.Arguments == "forget:v1:yes")
            {
                await forget.ForgetAsync(member, ct);
                await replies.EditTextAsync(request.ChatId, callback.Message!.MessageId, T(Msg.Forgotten), ct);
                await forget.ForgetSendBudgetAsync(request.TelegramUserId);
            }
            else
            {
                await replies.EditTextAsync(request.ChatId, callback.Message!.MessageId, T(Msg.ForgetCancelled), ct);
            }
            return;
        }

        switch (request.Command)
        {
            case "/export":
                var json = await export.BuildJsonAsync(member, PersonalDataExport.ViaBot, ct);
                await replies.SendDocumentAsync(request.ChatId, "mindguard-export.json", json, T(Msg.ExportCaption), ct);
                break;
            case "/forget":
                await replies.SendTextAsync(request.ChatId, T(Msg.ForgetConfirm), ct, new InlineKeyboardMarkup(
                [
                    [InlineKeyboardButton.WithCallbackData(T(Msg.ForgetYes), "forget:v1:yes")],
                    [InlineKeyboardButton.WithCallbackData(T(Msg.ForgetNo), "forget:v1:no")],
                ]));
                break;
            default:
                await replies.SendTextAsync(request.ChatId, await AccessReportAsync(member, T, ct), ct);
                break;
        }
    }

    private async Task<string> AccessReportAsync(Member member, Func<string, object[], string> T, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        var entries = (await session.Connection.QueryAsync<(string ReaderRole, string What, DateTime ReadAt)>(
            session.Command(AccessSql, new { id = member.Id, limit = AccessEntries }, ct))).ToList();
        if (entries.Count == 0) return T(Msg.AccessEmpty, []);
        var lines = entries.Select(e => T(Msg.AccessLine,
            [T("role_" + e.ReaderRole, []), T("what_" + e.What, []), Dates.Day(DateOnly.FromDateTime(e.ReadAt), member.Language) + ", " + e.ReadAt.ToString("HH:mm") + " UTC"]));
        return T(Msg.AccessHeader, []) + "\n" + string.Join("\n", lines);
    }
}
