using Mindguard.Features.Checkin.Bank;
using Mindguard.Features.Checkin.Sessions;
using Mindguard.Infrastructure.Localization;
using Telegram.Bot.Types.ReplyMarkups;

namespace Mindguard.Features.Checkin;

/// <summary>How check-in messages look: one message per question, its scale as buttons.</summary>
public static class CheckinMessages
{
    public const string StartData = "ci:v1:go";

    public static string AnswerData(string sessionId, int index, int value) => $"ci:v1:{sessionId}:{index}:{value}";

    public static string SkipNoteData(string sessionId) => $"ci:v1:{sessionId}:skip";

    public static InlineKeyboardMarkup StartButton(string language) =>
        new([[InlineKeyboardButton.WithCallbackData(Catalogue.Instance.Get(Msg.CheckinStartButton, language), StartData)]]);

    public static string QuestionText(CheckinSession session, int index, Question question) =>
        Catalogue.Instance.Get(Msg.CheckinQuestionHeader, session.Language, index + 1, session.QuestionIds.Count) + "\n\n" + question.TextIn(session.Language);

    public static string AnsweredText(CheckinSession session, int index, Question question, int value) =>
        QuestionText(session, index, question) + "\n\n✓ " + question.Options.First(o => o.Value == value).Label[session.Language];

    /// <summary>Short labels sit side by side; long ones get a row each so they stay readable on a phone.</summary>
    public static InlineKeyboardMarkup Keyboard(CheckinSession session, int index, Question question)
    {
        var buttons = question.Options
            .Select(o => InlineKeyboardButton.WithCallbackData(o.Label[session.Language], AnswerData(session.Id, index, o.Value)))
            .ToList();
        var longest = question.Options.Max(o => o.Label[session.Language].Length);
        var perRow = longest <= 3 ? 6 : longest <= 8 ? 3 : longest <= 16 ? 2 : 1;
        return new InlineKeyboardMarkup(buttons.Chunk(perRow));
    }

    public static InlineKeyboardMarkup SkipNoteButton(CheckinSession session) =>
        new([[InlineKeyboardButton.WithCallbackData(Catalogue.Instance.Get(Msg.CheckinNoteSkip, session.Language), SkipNoteData(session.Id))]]);
}
