using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Users.Settings;

/// <summary><c>/pause 2026-12-31</c> (holiday, sick leave) and <c>/resume</c>.</summary>
public sealed class PauseBotHandler(Members members, MemberSettings settings, BotReplies replies, TimeProvider time) : IBotHandler
{
    public BotRoute Route { get; } = new() { Commands = ["/pause", "/resume"] };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        var member = await members.FindOrAskToJoinAsync(request, replies, ct);
        if (member is null) return;
        string T(string key, params object[] args) => Catalogue.Instance.Get(key, member.Language, args);

        if (request.Command == "/resume")
        {
            await settings.ApplyAsync(member.Actor, new SettingsChange(Resume: true), ct);
            await replies.SendTextAsync(request.ChatId, T(Msg.Resumed), ct);
            return;
        }

        var until = SettingsRules.ParseDate(request.Arguments);
        if (until is null || !SettingsRules.IsAcceptablePause(until.Value, SettingsRules.LocalToday(member.TimeZone, time)))
        {
            await replies.SendTextAsync(request.ChatId, T(Msg.PauseUsage), ct);
            return;
        }
        await settings.ApplyAsync(member.Actor, new SettingsChange(PauseUntil: until), ct);
        await replies.SendTextAsync(request.ChatId, T(Msg.Paused, Dates.Day(until.Value, member.Language)), ct);
    }
}
