using Mindguard.Features.Users.Onboarding;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;
using NodaTime;

namespace Mindguard.Features.Users.Consent;

/// <summary>
/// <c>/privacy</c> (the terms again, with the date the person agreed) and the consent screen's buttons
/// (<c>consent:v1:yes|no:&lt;version&gt;</c>). A member's answer is recorded on their own row, with the
/// clause variants in force (the AI server named), and whatever the terms interrupted is picked up again;
/// someone not yet a member completes or abandons the join they started.
/// </summary>
public sealed class ConsentBotHandler(
    Members members, ConsentScreen screen, ConsentClauses clauses, IEnumerable<IResumeAfterConsent> interrupted,
    JoinOnConsent joins, BotReplies replies, NpgsqlDataSource db) : IBotHandler
{
    private static readonly string RecordSql = Sql.Load<ConsentBotHandler>("RecordConsent");
    private static readonly string WithdrawSql = Sql.Load<ConsentBotHandler>("WithdrawConsent");
    private static readonly string ReadSql = Sql.Load<ConsentBotHandler>("GetConsent");

    public BotRoute Route { get; } = new() { Commands = ["/privacy"], CallbackPrefixes = [ConsentScreen.CallbackPrefix] };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        var member = await members.FindByTelegramIdAsync(request.TelegramUserId, ct);
        if (request.Callback is { } callback) await OnTapAsync(member, request, callback.Id, ct);
        else await ShowAsync(member, request, ct);
    }

    private async Task ShowAsync(Member? member, BotRequest request, CancellationToken ct)
    {
        var language = member?.Language ?? request.Language;
        var list = await screen.ResourcesAsync(member?.OrganisationId, language, ct);
        if (member is null)
        {
            await replies.SendTextAsync(request.ChatId, screen.Terms(language, list), ct);
            return;
        }
        // Agreed to other terms than these (older wording, or voice notes going elsewhere): asked again.
        if (!clauses.AllAgreedBy(member))
        {
            var (text, buttons) = screen.Question(Catalogue.Instance.Get(Msg.PrivacyNotAgreed, language), language, list);
            await replies.SendTextAsync(request.ChatId, text, ct, buttons);
            return;
        }

        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        var consent = await session.Connection.QuerySingleAsync<(string? Version, DateTimeOffset? At)>(session.Command(ReadSql, new { id = member.Id }, ct));
        var on = consent.At is { } at ? LocalDate(at, member.TimeZone) : "";
        await replies.SendTextAsync(request.ChatId, $"{screen.Terms(language, list)}\n\n{Catalogue.Instance.Get(Msg.PrivacyAgreed, language, on)}", ct);
    }

    private async Task OnTapAsync(Member? member, BotRequest request, string callbackId, CancellationToken ct)
    {
        var language = member?.Language ?? request.Language;
        var parts = request.Arguments.Split(':');
        if (parts is not ["consent", "v1", "yes" or "no", { Length: > 0 }])
        {
            await replies.AnswerCallbackAsync(callbackId, Catalogue.Instance.Get(Msg.StaleButton, language), ct);
            return;
        }
        var (answer, version) = (parts[2], parts[3]);
        await replies.AnswerCallbackAsync(callbackId, null, ct);

        // A tap on a screen showing other terms than today's agrees to nothing: the current ones are shown.
        if (version != ConsentText.Version)
        {
            await screen.AskAsync(request.ChatId, Catalogue.Instance.Get(Msg.ConsentStale, language), language, member?.OrganisationId, ct);
            return;
        }

        if (member is null)
        {
            if (answer == "yes") await joins.AgreeAsync(request, ct);
            else await joins.DeclineAsync(request, ct);
            return;
        }

        await using (var session = await db.OpenSessionAsync(member.Actor, ct))
        {
            await session.Connection.ExecuteAsync(session.Command(answer == "yes" ? RecordSql : WithdrawSql,
                new { id = member.Id, version, clauses = clauses.InForce }, ct));
            await session.CommitAsync(ct);
        }
        if (answer == "no")
        {
            await replies.SendTextAsync(request.ChatId, Catalogue.Instance.Get(Msg.ConsentDeclinedMember, language), ct);
            return;
        }

        var waiting = new List<IResumeAfterConsent>();
        foreach (var resumable in interrupted)
            if (await resumable.IsWaitingAsync(member, ct)) waiting.Add(resumable);
        await replies.SendTextAsync(request.ChatId, Catalogue.Instance.Get(waiting.Count > 0 ? Msg.ConsentAgreedResume : Msg.ConsentAgreed, language), ct);
        foreach (var resumable in waiting) await resumable.ResumeAsync(member, request.ChatId, ct);
    }

    private static string LocalDate(DateTimeOffset at, string timeZone)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) ?? DateTimeZone.Utc;
        return Instant.FromDateTimeOffset(at).InZone(zone).Date.ToString("yyyy-MM-dd", null);
    }
}
