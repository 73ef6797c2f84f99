using Mindguard.Features.Checkin.Bank;
using Mindguard.Features.Checkin.Sessions;
using Mindguard.Infrastructure.Localization;
using Telegram.Bot.Types.ReplyMarkups;

namespace Mindguard.Features.Checkin;

/// <summary>
/// How check-in messages look: one message per question, its scale as buttons, then "prefer not to
/// answer" and, once something has been answered in this check-in, "change the previous answer".
/// </summary>
public static class CheckinMessages
{
    public const string StartData = "ci:v1:go";

    public static string AnswerData(string sessionId, int index, int value) => $"ci:v1:{sessionId}:{index}:{value}";

    /// <summary>"Prefer not to answer" question <paramref name="index"/>.</summary>
    public static string PassData(string sessionId, int index) => $"ci:v1:{sessionId}:{index}:pass";

    /// <summary>"Change the previous answer", tapped on the message at <paramref name="index"/> (a question, or the thank-you at the count).</summary>
    public static string BackData(string sessionId, int index) => $"ci:v1:{sessionId}:{index}:back";

    public static string SkipNoteData(string sessionId) => $"ci:v1:{sessionId}:skip";

    public static InlineKeyboardMarkup StartButton(string language) =>
        new([[InlineKeyboardButton.WithCallbackData(Catalogue.Instance.Get(Msg.CheckinStartButton, language), StartData)]]);

    public static string QuestionText(CheckinSession session, int index, Question question) =>
        Catalogue.Instance.Get(Msg.CheckinQuestionHeader, session.Language, index + 1, session.QuestionIds.Count) + "\n\n" + question.TextIn(session.Language);

    public static string AnsweredText(CheckinSession session, int index, Question question, int? value) =>
        QuestionText(session, index, question) + "\n\n✓ " + Label(question, value, session.Language);

    /// <summary>A question asked again to change its answer, naming the answer it replaces.</summary>
    public static string AskAgainText(CheckinSession session, int index, Question question) =>
        QuestionText(session, index, question) + "\n\n"
        + Catalogue.Instance.Get(Msg.CheckinChangePrompt, session.Language, Label(question, session.Previous, session.Language));

    /// <summary>The chosen option's label; a skip reads as the button that chose it.</summary>
    public static string Label(Question question, int? value, string language) =>
        value is { } v ? question.Options.First(o => o.Value == v).Label[language] : Catalogue.Instance.Get(Msg.CheckinPreferNot, language);

    /// <summary>
    /// Short labels sit side by side; long ones get a row each so they stay readable on a phone. "Prefer
    /// not to answer" gets its own row; "change the previous answer" follows from the second question on,
    /// except on a question asked again (one step back is the promise, not a walk through the check-in).
    /// </summary>
    public static InlineKeyboardMarkup Keyboard(CheckinSession session, int index, Question question)
    {
        var buttons = question.Options
            .Select(o => InlineKeyboardButton.WithCallbackData(o.Label[session.Language], AnswerData(session.Id, index, o.Value)))
            .ToList();
        var longest = question.Options.Max(o => o.Label[session.Language].Length);
        var perRow = longest <= 3 ? 6 : longest <= 8 ? 3 : longest <= 16 ? 2 : 1;
        var rows = buttons.Chunk(perRow).Select(row => (IEnumerable<InlineKeyboardButton>)row).ToList();
        rows.Add([InlineKeyboardButton.WithCallbackData(Catalogue.Instance.Get(Msg.CheckinPreferNot, session.Language), PassData(session.Id, index))]);
        if (index > 0 && !session.IsRevising(index)) rows.Add([BackButton(session, index)]);
        return new InlineKeyboardMarkup(rows);
    }

    /// <summary>The thank-you's buttons: skip the note, or change the last answer while the check-in is still open.</summary>
    public static InlineKeyboardMarkup SkipNoteButton(CheckinSession session) =>
        new([
            [InlineKeyboardButton.WithCallbackData(Catalogue.Instance.Get(Msg.CheckinNoteSkip, session.Language), SkipNoteData(session.Id))],
            [BackButton(session, session.QuestionIds.Count)],
        ]);

    private static InlineKeyboardButton BackButton(CheckinSession session, int index) =>
        InlineKeyboardButton.WithCallbackData(Catalogue.Instance.Get(Msg.CheckinChangeButton, session.Language), BackData(session.Id, index));
}
