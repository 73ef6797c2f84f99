using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;
using Telegram.Bot.Types.ReplyMarkups;

namespace Mindguard.Features.Users.Settings;

/// <summary>
/// <c>/settings</c> with buttons (<c>set:v1:&lt;field&gt;[:&lt;value&gt;]</c>), plus <c>/timezone Area/City</c>
/// and <c>/time HH:MM</c> for values not among the buttons. The voice analysis button switches at once
/// (<c>set:v1:voice:on|off</c>).
/// </summary>
public sealed class SettingsBotHandler(Members members, MemberSettings settings, BotReplies replies, TimeProvider time) : IBotHandler
{
    private static readonly string[] TimeZones = ["Europe/Kyiv", "Europe/Warsaw", "Europe/Berlin", "Europe/London", "Europe/Lisbon", "America/New_York", "Asia/Tokyo"];
    private static readonly string[] Times = ["08:00", "09:00", "10:00", "11:00", "12:00", "14:00", "17:00", "19:00"];

    public BotRoute Route { get; } = new() { Commands = ["/settings", "/timezone", "/time"], CallbackPrefixes = ["set"] };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        var member = await members.FindOrAskToJoinAsync(request, replies, ct);
        if (member is null) return;
        if (request.Callback is { } callback)
        {
            await OnButtonAsync(member, request, callback.Id, callback.Message!.MessageId, ct);
            return;
        }

        switch (request.Command)
        {
            case "/timezone":
                var zone = SettingsRules.CanonicalTimeZone(request.Arguments);
                await ApplyOrExplainAsync(member, request.ChatId, zone is null ? null : new SettingsChange(TimeZone: zone), Msg.UnknownTimezone, ct);
                break;
            case "/time":
                var at = SettingsRules.ParseTime(request.Arguments);
                await ApplyOrExplainAsync(member, request.ChatId, at is null ? null : new SettingsChange(CheckinTime: at), Msg.TimeUsage, ct);
                break;
            default:
                var view = await settings.ReadAsync(member.Actor, ct);
                await replies.SendTextAsync(request.ChatId, Summary(view), ct, MainMenu(view));
                break;
        }
    }

    private async Task ApplyOrExplainAsync(Member member, long chatId, SettingsChange? change, string usageKey, CancellationToken ct)
    {
        if (change is null)
        {
            await replies.SendTextAsync(chatId, Catalogue.Instance.Get(usageKey, member.Language), ct);
            return;
        }
        var view = await settings.ApplyAsync(member.Actor, change, ct);
        await replies.SendTextAsync(chatId, Catalogue.Instance.Get(Msg.SettingSaved, view.Language) + "\n\n" + Summary(view), ct, MainMenu(view));
    }

    private async Task OnButtonAsync(Member member, BotRequest request, string callbackId, int messageId, CancellationToken ct)
    {
        var parts = request.Arguments.Split(':', 4);
        var lang = member.Language;
        if (parts.Length < 3 || parts[1] != "v1")
        {
            await replies.AnswerCallbackAsync(callbackId, Catalogue.Instance.Get(Msg.StaleButton, lang), ct);
            return;
        }
        var field = parts[2];
        var value = parts.Length == 4 ? parts[3] : null;

        if (value is null)
        {
            var (prompt, keyboard) = Submenu(field, lang);
            await replies.AnswerCallbackAsync(callbackId, null, ct);
            if (prompt is not null) await replies.EditTextAsync(request.ChatId, messageId, prompt, ct, keyboard);
            return;
        }

        var change = field switch
        {
            "lang" when Catalogue.Languages.Contains(value) => new SettingsChange(Language: value),
            "tz" when SettingsRules.CanonicalTimeZone(value) is { } zone => new SettingsChange(TimeZone: zone),
            "time" when SettingsRules.ParseTime(value) is { } at => new SettingsChange(CheckinTime: at),
            "days" when value is "weekdays" or "all" => new SettingsChange(WeekdaysOnly: value == "weekdays"),
            "cad" when SettingsRules.Cadences.Contains(value) => new SettingsChange(Cadence: value),
            "voice" when value is "on" or "off" => new SettingsChange(VoiceAnalysis: value == "on"),
            _ => null,
        };
        if (change is null)
        {
            await replies.AnswerCallbackAsync(callbackId, Catalogue.Instance.Get(Msg.StaleButton, lang), ct);
            return;
        }
        var view = await settings.ApplyAsync(member.Actor, change, ct);
        await replies.AnswerCallbackAsync(callbackId, Catalogue.Instance.Get(Msg.SettingSaved, view.Language), ct);
        await replies.EditTextAsync(request.ChatId, messageId, Summary(view), ct, MainMenu(view));
    }

    private string Summary(SettingsView view)
    {
        string T(string key, params object[] args) => Catalogue.Instance.Get(key, view.Language, args);
        var paused = view.PausedUntil is { } until && until >= SettingsRules.LocalToday(view.TimeZone, time)
            ? T(Msg.PausedUntilValue, Dates.Day(until, view.Language))
            : T(Msg.NotPaused);
        return T(Msg.SettingsSummary,
            view.Language == Catalogue.English ? "English" : "Українська",
            view.TimeZone,
            view.CheckinTime.ToString("HH:mm"),
            T(view.WeekdaysOnly ? Msg.DaysWeekdays : Msg.DaysAll),
            T("cadence_" + view.Cadence),
            paused,
            T(view.VoiceAnalysis ? Msg.VoiceAnalysisOn : Msg.VoiceAnalysisOff));
    }

    private static InlineKeyboardMarkup MainMenu(SettingsView view)
    {
        var lang = view.Language;
        InlineKeyboardButton Button(string key, string field) => InlineKeyboardButton.WithCallbackData(Catalogue.Instance.Get(key, lang), $"set:v1:{field}");
        return new InlineKeyboardMarkup(
        [
            [Button(Msg.SettingsLanguage, "lang"), Button(Msg.SettingsTimezone, "tz")],
            [Button(Msg.SettingsTime, "time"), Button(Msg.SettingsDays, "days")],
            [Button(Msg.SettingsCadence, "cad")],
            // One tap switches; the label says how it is now.
            [InlineKeyboardButton.WithCallbackData(
                $"{Catalogue.Instance.Get(Msg.SettingsVoice, lang)}: {Catalogue.Instance.Get(view.VoiceAnalysis ? Msg.VoiceAnalysisOn : Msg.VoiceAnalysisOff, lang)}",
                view.VoiceAnalysis ? "set:v1:voice:off" : "set:v1:voice:on")],
        ]);
    }

    private static (string? Prompt, InlineKeyboardMarkup? Keyboard) Submenu(string field, string lang)
    {
        string T(string key) => Catalogue.Instance.Get(key, lang);
        InlineKeyboardButton Option(string text, string value) => InlineKeyboardButton.WithCallbackData(text, $"set:v1:{field}:{value}");
        return field switch
        {
            "lang" => (T(Msg.ChooseLanguage), new InlineKeyboardMarkup([[Option("Українська", "uk"), Option("English", "en")]])),
            "tz" => (T(Msg.ChooseTimezone), new InlineKeyboardMarkup(TimeZones.Chunk(2).Select(row => row.Select(z => Option(z, z))))),
            "time" => (T(Msg.ChooseTime), new InlineKeyboardMarkup(Times.Chunk(4).Select(row => row.Select(t => Option(t, t))))),
            "days" => (T(Msg.ChooseDays), new InlineKeyboardMarkup([[Option(T(Msg.DaysWeekdays), "weekdays"), Option(T(Msg.DaysAll), "all")]])),
            "cad" => (T(Msg.ChooseCadence), new InlineKeyboardMarkup(SettingsRules.Cadences.Select(c => new[] { Option(T("cadence_" + c), c) }))),
            _ => (null, null),
        };
    }
}
