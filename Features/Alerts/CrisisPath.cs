using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;
using Mindguard.Infrastructure.Telegram.Outbox;
using Telegram.Bot.Types.ReplyMarkups;

namespace Mindguard.Features.Alerts;

/// <summary>What raised the crisis path: a check-in answer, a voice note's analysis, or a written note.</summary>
public enum CrisisSource { CheckinAnswer, VoiceNote, FreeText }

/// <summary>
/// The public entry point every feature calls when someone may be at risk. Crisis resources are shown
/// at once, in the person's language, with a "talk to someone now" button (<c>cr:v1:talk</c>) that
/// tells their care contacts immediately.
/// </summary>
public sealed class CrisisPath(BotReplies replies, NpgsqlDataSource db, PersonCipher cipher, OrganisationSafety safety, TimeProvider time, ILogger<CrisisPath> logger)
{
    public const string TalkData = "cr:v1:talk";
    public const string BetterData = "cr:v1:better";
    public const string HardData = "cr:v1:hard";
    private static readonly string FollowUpSql = Sql.Load<CrisisPath>("StartCrisisFollowUp");
    private static readonly string AnswerSql = Sql.Load<CrisisPath>("RecordCrisisAnswer");
    private static readonly string ContactsSql = Sql.Load<CrisisPath>("GetCareContacts");
    private static readonly string NameSql = Sql.Load<CrisisPath>("GetDisplayName");

    public async Task StartAsync(Member member, long chatId, CrisisSource source, CancellationToken ct)
    {
        // Logged without any content: only that the path started and from where.
        logger.LogWarning("Crisis path started from {Source}", source);
        await using (var session = await db.OpenSessionAsync(Actor.System, ct))
        {
            // Tomorrow someone asks again; one "I'm fine" will not end that.
            await session.Connection.ExecuteAsync(session.Command(FollowUpSql, new { userId = member.Id, nextAt = time.GetUtcNow().AddDays(1) }, ct));
            await session.CommitAsync(ct);
        }
        // An organisation may list its own resources (an employee assistance line, say) per language.
        var own = (await safety.ReadAsync(member.OrganisationId, ct)).CrisisResources;
        var resources = own is not null && own.TryGetValue(member.Language, out var text) && !string.IsNullOrWhiteSpace(text)
            ? text
            : Catalogue.Instance.Get(Msg.CrisisResources, member.Language);
        await replies.SendTextAsync(chatId, resources, ct, new InlineKeyboardMarkup(
            [[InlineKeyboardButton.WithCallbackData(Catalogue.Instance.Get(Msg.CrisisTalkButton, member.Language), TalkData)]]));
    }

    /// <summary>The person asked to talk: every care contact gets a message now, ahead of the queue's usual traffic.</summary>
    public async Task<int> RequestTalkAsync(Member member, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var contacts = (await session.Connection.QueryAsync<(Guid Id, long TelegramId, string Language, string Role)>(
            session.Command(ContactsSql, new { member.OrganisationId, member.TeamId, userId = member.Id }, ct))).ToList();
        var name = await DisplayNameAsync(session, member, ct);
        foreach (var contact in contacts)
        {
            var text = Catalogue.Instance.Get(Msg.CrisisTalkRequested, contact.Language, name ?? Catalogue.Instance.Get(Msg.AlertMemberFallback, contact.Language));
            await Outbox.EnqueueAsync(session, contact.TelegramId, contact.Id, new OutboxPayload(text), ct);
        }
        await session.CommitAsync(ct);
        logger.LogWarning("A member asked to talk to someone now; {Contacts} care contacts notified", contacts.Count);
        return contacts.Count;
    }

    /// <summary>The answer to a follow-up; returns true when the follow-ups are now closed.</summary>
    public async Task<bool> RecordFollowUpAsync(Member member, bool better, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        var closed = await session.Connection.QuerySingleOrDefaultAsync<bool>(session.Command(AnswerSql,
            new { userId = member.Id, better, now, nextAt = now.AddDays(1) }, ct));
        await session.CommitAsync(ct);
        return closed;
    }

    private async Task<string?> DisplayNameAsync(DbSession session, Member member, CancellationToken ct)
    {
        var name = await session.Connection.QuerySingleOrDefaultAsync<byte[]?>(session.Command(NameSql, new { id = member.Id }, ct));
        return cipher.DecryptDisplayName(member.Id, member.DataKey, name);
    }
}
