using Mindguard.Features.Checkin.Bank;
using Mindguard.Features.Status.Metrics;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Localization;
using Telegram.Bot.Types.ReplyMarkups;
using StackExchange.Redis;

namespace Mindguard.Features.Checkin;

/// <summary>
/// The full PHQ-9 and GAD-7, offered (never forced) when a PHQ-9 or GAD-7 estimate reaches moderate, at
/// most once a fortnight. PHQ-9 item 9 is asked only here, and any answer above zero opens the crisis path.
/// </summary>
public sealed class DeepCheck(IDatabase redis)
{
    public const string StartData = "ci:v1:deep";

    /// <summary>Marks that the deep check was offered recently; /forget removes it.</summary>
    public static string OfferedKey(Guid userId) => $"deep-check:offered:{userId}";
    public const string Item9 = "phq9.9";
    private static readonly TimeSpan OfferEvery = TimeSpan.FromDays(14);

    public static IReadOnlyList<Question> Questions { get; } =
        QuestionBank.Instance.All.Where(q => q.Metric is Metric.Phq9 or Metric.Gad7).OrderBy(q => q.Metric == Metric.Gad7).ThenBy(q => q.Item).ToList();

    /// <summary>The offer to send after a check-in, or null when there is no reason (or it was offered lately).</summary>
    public async Task<(string Text, InlineKeyboardMarkup Button)?> OfferAsync(Member member, DateOnly date, double? phq9, double? gad7)
    {
        var moderate = phq9 >= Thresholds.Phq9Moderate || gad7 >= Thresholds.Gad7Moderate;
        if (!moderate || !await redis.StringSetAsync(OfferedKey(member.Id), date.ToString("yyyy-MM-dd"), OfferEvery, When.NotExists)) return null;
        return (Catalogue.Instance.Get(Msg.DeepCheckOffer, member.Language),
            new InlineKeyboardMarkup([[InlineKeyboardButton.WithCallbackData(Catalogue.Instance.Get(Msg.DeepCheckButton, member.Language), StartData)]]));
    }

    public static bool OpensCrisisPath(Question question, int value) => question.Id == Item9 && value > 0;
}
