using System.Globalization;
using Mindguard.Features.Checkin.Bank;
using Mindguard.Features.Checkin.Sessions;
using Mindguard.Features.Status;
using Mindguard.Features.Users;
using Mindguard.Features.Users.Settings;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Observability;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Checkin;

/// <summary>
/// The conversation of a check-in: start or continue, take an answer, finish. Every answer is stored in
/// PostgreSQL before the session moves on, so a crash, an expiry or a redelivery never loses one, and
/// the unique key plus the session's compare-and-set never store or advance one twice. What an answer
/// sets in motion beyond the reply (a crisis path, alerts, an early signal, a note's screening) is
/// recorded with it as a consequence and carried out by the Alerts and Voice slices, so no Telegram
/// fault here can lose it.
/// </summary>
public sealed class CheckinFlow(
    CheckinSessions sessions, CheckinStore store, DeepCheck deepCheck, BotReplies replies, Conversations conversations,
    MindguardMetrics metrics, IOptions<CheckinOptions> options, TimeProvider time)
{
    public const string NoteConversation = "checkin-note";

    public async Task StartAsync(Member member, long chatId, CancellationToken ct)
    {
        string T(string key) => Catalogue.Instance.Get(key, member.Language);
        var today = SettingsRules.LocalToday(member.TimeZone, time);

        if (await UnfinishedTodayAsync(member) is { } active)
        {
            await replies.SendTextAsync(chatId, T(Msg.CheckinContinue), ct);
            await SendQuestionAsync(active, active.Position, chatId, ct);
            return;
        }

        var day = await store.DayAsync(member, today, ct);
        var remaining = DailySet.For(member.Id, today, member.Cadence, QuestionBank.Instance)
            .Where(q => !day.Answered.Contains(q.Id)).Select(q => q.Id).ToList();
        if (day.Completed || remaining.Count == 0)
        {
            if (!day.Completed) await store.CompleteAsync(member, today, ct);
            await replies.SendTextAsync(chatId, T(Msg.CheckinDoneToday), ct);
            return;
        }

        await store.EnsureDayAsync(member, today, ct);
        var session = await sessions.StartAsync(member.Id, member.TelegramId!.Value, today, remaining, member.Language);
        await SendQuestionAsync(session, 0, chatId, ct);
        metrics.CheckinStarted();
    }

    /// <summary>The full PHQ-9 and GAD-7, asking only what is still unanswered today.</summary>
    /// <summary>Today's check-in, if one is under way with questions left.</summary>
    public async Task<CheckinSession?> UnfinishedTodayAsync(Member member)
    {
        var active = await sessions.ActiveForAsync(member.TelegramId!.Value);
        return active is { AllAnswered: false } && active.LocalDate == SettingsRules.LocalToday(member.TimeZone, time) ? active : null;
    }

    /// <summary>The question today's check-in is on, sent again (after the terms interrupted it); nothing if none is under way.</summary>
    public async Task ResendCurrentQuestionAsync(Member member, long chatId, CancellationToken ct)
    {
        if (await UnfinishedTodayAsync(member) is { } active) await SendQuestionAsync(active, active.Position, chatId, ct);
    }

    public async Task StartDeepCheckAsync(Member member, long chatId, CancellationToken ct)
    {
        var today = SettingsRules.LocalToday(member.TimeZone, time);
        var day = await store.DayAsync(member, today, ct);
        var remaining = DeepCheck.Questions.Where(q => !day.Answered.Contains(q.Id)).Select(q => q.Id).ToList();
        if (remaining.Count == 0)
        {
            await replies.SendTextAsync(chatId, Catalogue.Instance.Get(Msg.CheckinDoneToday, member.Language), ct);
            return;
        }
        var session = await sessions.StartAsync(member.Id, member.TelegramId!.Value, today, remaining, member.Language);
        await SendQuestionAsync(session, 0, chatId, ct);
    }

    /// <param name="value">The option chosen, or null for "prefer not to answer": stored as skipped, never scored.</param>
    public async Task AnswerAsync(Member member, BotRequest request, string sessionId, int index, int? value, CancellationToken ct)
    {
        var callback = request.Callback!;
        var session = await sessions.FindAsync(sessionId);
        if (session is null)
        {
            metrics.CheckinExpired();
            await replies.AnswerCallbackAsync(callback.Id, null, ct);
            await replies.EditTextAsync(request.ChatId, callback.Message!.MessageId, Catalogue.Instance.Get(Msg.CheckinExpired, member.Language), ct);
            return;
        }

        var question = index < session.QuestionIds.Count ? QuestionBank.Instance.Find(session.QuestionIds[index]) : null;
        if (session.TelegramId != request.TelegramUserId || question is null || value is { } v && !question.Accepts(v) || index > session.Position)
        {
            await replies.AnswerCallbackAsync(callback.Id, Catalogue.Instance.Get(Msg.CheckinInvalidButton, member.Language), ct);
            return;
        }

        if (index < session.Position)
        {
            // A redelivered tap whose follow-up message was lost gets it now; a plain double tap gets a note.
            if (index == session.Position - 1 && session.Sent < session.Position)
            {
                await replies.AnswerCallbackAsync(callback.Id, null, ct);
                await ContinueAsync(member, session, null, request.ChatId, ct);
                return;
            }
            await replies.AnswerCallbackAsync(callback.Id, Catalogue.Instance.Get(Msg.CheckinAlreadyAnswered, member.Language), ct);
            return;
        }

        var completesDay = index == session.QuestionIds.Count - 1;
        var changing = session.IsRevising(index);
        var saved = changing
            ? await store.ChangeAnswerAsync(member, session.LocalDate, question.Id, value, session.Previous, completesDay, ct)
            : await store.SaveAnswersAsync(member, session.LocalDate, [(question.Id, value)], completesDay, ct);
        if (!await sessions.AdvanceAsync(session, index))
        {
            await replies.AnswerCallbackAsync(callback.Id, Catalogue.Instance.Get(Msg.CheckinAlreadyAnswered, member.Language), ct);
            return;
        }
        if (completesDay && !changing) metrics.CheckinCompleted();
        await replies.AnswerCallbackAsync(callback.Id, null, ct);
        await replies.EditTextAsync(request.ChatId, callback.Message!.MessageId, CheckinMessages.AnsweredText(session, index, question, value), ct);
        // Safety first: a crisis path opened by the first answer is not undone by changing it, and the person is told so.
        if (changing && session.Previous is { } before && DeepCheck.OpensCrisisPath(question, before) && !(value is { } after && DeepCheck.OpensCrisisPath(question, after)))
            await replies.SendTextAsync(request.ChatId, Catalogue.Instance.Get(Msg.CheckinCrisisStays, member.Language), ct);
        await ContinueAsync(member, session with { Position = index + 1, Revising = -1, Previous = null }, saved.End, request.ChatId, ct);
    }

    /// <summary>
    /// "Change the previous answer", tapped on the message at <paramref name="index"/>: the question before
    /// it is asked again, and its new answer replaces the stored one before the check-in carries on from
    /// where it was. Only one step back and only while the check-in is open, so what a completed day set
    /// going is looked at again for the one answer changed (see <see cref="CheckinStore.ChangeAnswerAsync"/>).
    /// </summary>
    public async Task BackAsync(Member member, BotRequest request, string sessionId, int index, CancellationToken ct)
    {
        var callback = request.Callback!;
        var session = await sessions.FindAsync(sessionId);
        if (session is null || session.TelegramId != request.TelegramUserId || index < 1 || index > session.QuestionIds.Count)
        {
            await replies.AnswerCallbackAsync(callback.Id, Catalogue.Instance.Get(Msg.CheckinChangeClosed, member.Language), ct);
            return;
        }

        var stepsBack = session.Position == index && session.Revising < 0;
        var previous = stepsBack ? await store.StoredValueAsync(member, session.LocalDate, session.QuestionIds[index - 1], ct) : null;
        if (stepsBack && await sessions.BackAsync(session, index, previous))
            session = session with { Position = index - 1, Revising = index - 1, Previous = previous };
        else if (!session.IsRevising(index - 1) || session.Sent < index)
        {
            // A double tap finds the question already asked again (a redelivered tap whose question was lost asks it now);
            // a tap from further back, or after the check-in moved on, changes nothing.
            await replies.AnswerCallbackAsync(callback.Id, session.IsRevising(index - 1) ? null : Catalogue.Instance.Get(Msg.CheckinChangeClosed, member.Language), ct);
            return;
        }
        await replies.AnswerCallbackAsync(callback.Id, null, ct);
        if (index == session.QuestionIds.Count) await conversations.EndAsync(session.TelegramId);
        await replies.EditTextAsync(request.ChatId, callback.Message!.MessageId, Catalogue.Instance.Get(Msg.CheckinChangeStarted, member.Language), ct);
        await SendQuestionAsync(session, index - 1, request.ChatId, ct);
    }

    public async Task SaveNoteAsync(Member member, BotRequest request, CancellationToken ct)
    {
        var session = await sessions.ActiveForAsync(request.TelegramUserId);
        var date = session?.LocalDate ?? SettingsRules.LocalToday(member.TimeZone, time);
        await store.SaveNoteAsync(member, date, request.Arguments, request.Message?.MessageId ?? 0, ct);
        await EndAsync(member, session);
        await replies.SendTextAsync(request.ChatId, Catalogue.Instance.Get(Msg.CheckinNoteSaved, member.Language), ct);
    }

    public async Task SkipNoteAsync(Member member, BotRequest request, string sessionId, CancellationToken ct)
    {
        await replies.AnswerCallbackAsync(request.Callback!.Id, null, ct);
        var session = await sessions.FindAsync(sessionId);
        if (session is null || session.TelegramId != request.TelegramUserId) return;
        await EndAsync(member, session);
        await replies.SendTextAsync(request.ChatId, Catalogue.Instance.Get(Msg.CheckinNoteSkipped, member.Language), ct);
    }

    /// <param name="end">What the last answer's transaction read back; read anew when not given.</param>
    private async Task ContinueAsync(Member member, CheckinSession session, CheckinStore.DayEnd? end, long chatId, CancellationToken ct)
    {
        if (!session.AllAnswered)
        {
            await SendQuestionAsync(session, session.Position, chatId, ct);
            return;
        }
        end ??= await store.DayEndAsync(member, session.LocalDate, ct);
        var (today, week) = (end.MoodToday, end.MoodWeekAverage);
        var culture = CultureInfo.GetCultureInfo(member.Language);
        var thanks = (today, week) switch
        {
            ({ } t, { } w) => Catalogue.Instance.Get(Msg.CheckinThanksAverage, member.Language, t.ToString("0.#", culture), w.ToString("0.#", culture)),
            ({ } t, null) => Catalogue.Instance.Get(Msg.CheckinThanksMood, member.Language, t.ToString("0.#", culture)),
            _ => Catalogue.Instance.Get(Msg.CheckinThanks, member.Language),
        };
        await conversations.StartAsync(session.TelegramId, NoteConversation, options.Value.SessionLifetime);
        await replies.SendTextAsync(chatId, thanks + "\n\n" + Catalogue.Instance.Get(Msg.CheckinNoteInvite, member.Language), ct,
            CheckinMessages.SkipNoteButton(session));
        await sessions.MarkSentAsync(session, session.Position);
        if (await deepCheck.OfferAsync(member, session.LocalDate, end.Phq9, end.Gad7) is { } offer) await replies.SendTextAsync(chatId, offer.Text, ct, offer.Button);
    }

    private async Task SendQuestionAsync(CheckinSession session, int index, long chatId, CancellationToken ct)
    {
        var question = QuestionBank.Instance[session.QuestionIds[index]];
        var text = session.IsRevising(index) ? CheckinMessages.AskAgainText(session, index, question) : CheckinMessages.QuestionText(session, index, question);
        await replies.SendTextAsync(chatId, text, ct, CheckinMessages.Keyboard(session, index, question));
        await sessions.MarkSentAsync(session, index);
    }

    private async Task EndAsync(Member member, CheckinSession? session)
    {
        await conversations.EndAsync(member.TelegramId!.Value);
        if (session is not null) await sessions.EndAsync(session);
    }
}
