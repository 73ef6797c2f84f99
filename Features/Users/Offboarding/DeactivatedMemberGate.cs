using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;
using Telegram.Bot.Types;

namespace Mindguard.Features.Users.Offboarding;

/// <summary>
/// Someone an admin deactivated gets one polite message and nothing else from the bot: no alert buttons,
/// <c>/team</c>, <c>/status</c>, wall or <c>/start</c>. Their data stays theirs, so <c>/export</c> and
/// <c>/forget</c> (with its confirmation button) still work. Checked once here rather than in every handler,
/// so a new command cannot forget it.
/// </summary>
public sealed class DeactivatedMemberGate(NpgsqlDataSource db, BotReplies replies) : IUpdateGate
{
    private static readonly string NoticeSql = Sql.Load<DeactivatedMemberGate>("NoticeDeactivated");

    public async Task<bool> AdmitAsync(Update update, CancellationToken ct)
    {
        var from = update.Message?.From ?? update.CallbackQuery?.From;
        if (from is null || StillTheirs(update)) return true;

        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var state = await session.Connection.QuerySingleOrDefaultAsync<Deactivated>(
            session.Command(NoticeSql, new { telegramId = from.Id }, ct));
        if (state is not { } deactivated) return true;
        await session.CommitAsync(ct);

        if (update.CallbackQuery is { } tap) await replies.AnswerCallbackAsync(tap.Id, null, ct);
        var chatId = update.Message?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id;
        if (deactivated.NoticeDue && chatId is { } chat)
            await replies.SendTextAsync(chat, Catalogue.Instance.Get(Msg.DeactivatedNotice, deactivated.Language), ct);
        return false;
    }

    /// <summary>A person's rights over their own data outlive their access: export and deletion.</summary>
    private static bool StillTheirs(Update update)
    {
        if (update.CallbackQuery?.Data is { } data) return data.StartsWith("forget:", StringComparison.Ordinal);
        if (update.Message?.Text is not { } text || !text.StartsWith('/')) return false;
        return UpdateRouter.SplitCommand(text).Command is "/export" or "/forget";
    }

    private sealed record Deactivated(string Language, bool NoticeDue);
}
