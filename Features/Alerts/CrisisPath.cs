using Mindguard.Features.Alerts.Rules;
using Mindguard.Features.Users.Resources;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram.Outbox;
using Telegram.Bot.Types.ReplyMarkups;

namespace Mindguard.Features.Alerts;

/// <summary>
/// What happens when someone may be at risk. Crisis resources go out in the outbox's safety lane, in the
/// person's language, with a "talk to someone now" button (<c>cr:v1:talk</c>) that tells their care
/// contacts at once; a follow-up asks the next day (never during quiet hours) until the person has said
/// "better" on two different days.
/// </summary>
public sealed class CrisisPath(NpgsqlDataSource db, PersonCipher cipher, CareContacts careContacts, TimeProvider time, ILogger<CrisisPath> logger)
{
    public const string TalkData = "cr:v1:talk";
    public const string BetterPrefix = "cr:v1:better";
    public const string HardPrefix = "cr:v1:hard";
    private static readonly string FollowUpSql = Sql.Load<CrisisPath>("StartCrisisFollowUp");
    private static readonly string AnswerSql = Sql.Load<CrisisPath>("RecordCrisisAnswer");
    private static readonly string NameSql = Sql.Load<CrisisPath>("GetDisplayName");
    private static readonly string InsertAlertSql = Sql.Load<CrisisPath>("InsertAlert");
    private static readonly string EventSql = Sql.Load<CrisisPath>("InsertAlertEvent");

    /// <summary>The buttons of one follow-up message: each carries the message's own id, so it counts once.</summary>
    public static string Better(Guid promptId) => $"{BetterPrefix}:{promptId:N}";

    public static string Hard(Guid promptId) => $"{HardPrefix}:{promptId:N}";

    /// <summary>Resources now and a follow-up tomorrow, in the caller's transaction.</summary>
    public async Task OpenAsync(DbSession session, Member member, CancellationToken ct)
    {
        // Tomorrow someone asks again; one "I'm fine" will not end that.
        await session.Connection.ExecuteAsync(session.Command(FollowUpSql, new { userId = member.Id, now = time.GetUtcNow() }, ct));
        if (member is not { Active: true, TelegramId: { } chat }) return;
        // An organisation may list its own resources (an employee assistance line, say) per language.
        var list = await SupportResources.ForAsync(session, member.OrganisationId, member.Language, ct);
        var resources = SupportResources.Text(list, Msg.CrisisResources, member.Language);
        await Outbox.EnqueueAsync(session, chat, member.Id, new OutboxPayload(resources, new InlineKeyboardMarkup(
            [[InlineKeyboardButton.WithCallbackData(Catalogue.Instance.Get(Msg.CrisisTalkButton, member.Language), TalkData)]])), ct,
            lane: OutboxLane.Safety);
    }

    /// <summary>Resources now and a follow-up tomorrow, in a transaction of its own.</summary>
    public async Task OpenAsync(Member member, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        await OpenAsync(session, member, ct);
        await session.CommitAsync(ct);
    }

    /// <summary>
    /// The person asked to talk: a talk-now alert, and every care contact gets a message in the safety
    /// lane with the alert's buttons. While that alert is open, asking again (or a redelivered tap) tells
    /// nobody twice. Returns the care contacts who have been told, to name them to the person.
    /// </summary>
    public async Task<IReadOnlyList<CareContact>> RequestTalkAsync(Member member, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var contacts = await careContacts.ReadAsync(session, member.OrganisationId, member.TeamId, member.Id, ct);
        var alertId = await session.Connection.QuerySingleOrDefaultAsync<Guid?>(session.Command(InsertAlertSql, new
        {
            id = Guid.CreateVersion7(), userId = member.Id, member.OrganisationId, member.TeamId, rule = AlertRules.TalkNow,
            metric = AlertRules.TalkNow, level = "now", since = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), status = "open",
        }, ct));
        if (alertId is { } id)
        {
            await session.Connection.ExecuteAsync(session.Command(EventSql, new { alertId = id, actorId = member.Id, action = "talk requested" }, ct));
            var name = await DisplayNameAsync(session, member, ct);
            foreach (var contact in contacts)
            {
                await Outbox.EnqueueAsync(session, contact.TelegramId, contact.Id, TalkRequest(id, name, contact.Language), ct, lane: OutboxLane.Safety);
            }
            logger.LogWarning("A member asked to talk to someone now; {Contacts} care contacts notified", contacts.Count);
        }
        await session.CommitAsync(ct);
        return contacts;
    }

    /// <summary>A care contact's message about a talk-now request; also what admins get when nobody answered it.</summary>
    public static OutboxPayload TalkRequest(Guid alertId, string? name, string language, string key = Msg.CrisisTalkRequested)
    {
        string T(string k, params object[] args) => Catalogue.Instance.Get(k, language, args);
        // To a care contact: only the emergency number, which no organisation replaces.
        return new OutboxPayload(SupportResources.Text(SupportResources.Defaults(language), key, language, name ?? T(Msg.AlertMemberFallback)), new InlineKeyboardMarkup(
        [
            [InlineKeyboardButton.WithCallbackData(T(Msg.AlertAckButton), AlertButtons.Acknowledge(alertId)),
             InlineKeyboardButton.WithCallbackData(T(Msg.AlertResolveButton), AlertButtons.Resolve(alertId))],
        ]));
    }

    /// <summary>
    /// The answer to one follow-up message. Null when that message was answered before (a second tap,
    /// a redelivery) or the follow-ups are closed; otherwise whether the follow-ups are now closed.
    /// </summary>
    public async Task<bool?> RecordFollowUpAsync(Member member, Guid promptId, bool better, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        var closed = await session.Connection.QuerySingleOrDefaultAsync<bool?>(session.Command(AnswerSql, new
        {
            userId = member.Id, promptId, better, now = time.GetUtcNow(), today = Users.Settings.SettingsRules.LocalToday(member.TimeZone, time),
        }, ct));
        await session.CommitAsync(ct);
        return closed;
    }

    private async Task<string?> DisplayNameAsync(DbSession session, Member member, CancellationToken ct)
    {
        var name = await session.Connection.QuerySingleOrDefaultAsync<byte[]?>(session.Command(NameSql, new { id = member.Id }, ct));
        return cipher.DecryptDisplayName(member.Id, member.DataKey, name);
    }
}
