using System.Globalization;
using System.Text;
using Mindguard.Features.Wall.Posts;
using Mindguard.Infrastructure.Localization;
using Telegram.Bot.Types.ReplyMarkups;

namespace Mindguard.Features.Wall.Bot;

/// <summary>How the wall looks in Telegram: its texts and buttons.</summary>
public static class WallMessages
{
    /// <summary>Posts per message: the longest posts still fit Telegram's 4096 characters.</summary>
    public const int PageSize = 3;

    private static string T(string key, string language, params object[] args) => Catalogue.Instance.Get(key, language, args);

    private static InlineKeyboardButton Button(string key, string language, string data) =>
        InlineKeyboardButton.WithCallbackData(T(key, language), data);

    public static string Rules(string language, int k, WallOptions options) =>
        T(Msg.WallRules, language, k, Hours(options.ReleaseMinMinutes, language), Hours(options.ReleaseMaxMinutes, language));

    public static InlineKeyboardMarkup Menu(string language) => new(
    [
        [Button(Msg.WallWriteButton, language, WallCallback.WriteData), Button(Msg.WallReadButton, language, WallCallback.ReadData())],
    ]);

    public static string CategoryLabel(string category, string language) => T(WallCategories.LabelKey(category), language);

    public static InlineKeyboardMarkup Categories(string draftId, string language)
    {
        var categories = WallCategories.All
            .Select(c => InlineKeyboardButton.WithCallbackData(CategoryLabel(c, language), WallCallback.CategoryData(draftId, c)))
            .Chunk(2)
            .Select(row => row.AsEnumerable())
            .ToList();
        categories.Add([Button(Msg.WallCancelButton, language, WallCallback.CancelData(draftId))]);
        return new InlineKeyboardMarkup(categories);
    }

    public static InlineKeyboardMarkup Confirm(string draftId, string language) => new(
    [
        [Button(Msg.WallPublishButton, language, WallCallback.PublishData(draftId)), Button(Msg.WallCancelButton, language, WallCallback.CancelData(draftId))],
    ]);

    public static InlineKeyboardMarkup DeleteButton(string token, string language) =>
        new([[Button(Msg.WallDeleteButton, language, WallCallback.DeleteData(token))]]);

    public static InlineKeyboardMarkup DeleteConfirm(string token, string language) => new(
    [
        [Button(Msg.WallDeleteYes, language, WallCallback.ConfirmDeleteData(token)), Button(Msg.WallDeleteKeep, language, WallCallback.KeepData(token))],
    ]);

    public static string Page(IReadOnlyList<WallPost> posts, string language)
    {
        var text = new StringBuilder(T(Msg.WallPageHeader, language));
        for (var i = 0; i < posts.Count; i++)
        {
            var post = posts[i];
            text.Append("\n\n").Append(i + 1).Append(". ").Append(CategoryLabel(post.Category, language))
                .Append(" · ").Append(Dates.Day(post.CreatedOn, language))
                .Append('\n').Append(post.Text);
        }
        return text.Append("\n\n").Append(T(Msg.WallFlagHint, language)).ToString();
    }

    /// <summary>A flag button per post, numbered as in the text, and "older" when there is more.</summary>
    public static InlineKeyboardMarkup PageButtons(IReadOnlyList<WallPost> posts, bool more, string language)
    {
        var rows = new List<IEnumerable<InlineKeyboardButton>>
        {
            posts.Select((p, i) => InlineKeyboardButton.WithCallbackData(T(Msg.WallFlagButton, language, i + 1), WallCallback.FlagData(p.Id))).ToList(),
        };
        if (more) rows.Add([Button(Msg.WallOlderButton, language, WallCallback.ReadData(posts[^1].ReleasedSeq))]);
        return new InlineKeyboardMarkup(rows);
    }

    public static string Hours(int minutes, string language) =>
        (minutes / 60.0).ToString("0.#", CultureInfo.GetCultureInfo(language));

    /// <summary>Whole hours, rounded up, never "0": "about 0 h" would read as "now".</summary>
    public static string HoursLeft(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalHours)).ToString(CultureInfo.InvariantCulture);
}
