using Mindguard.Features.Users;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;
using Telegram.Bot.Types.Enums;

namespace Mindguard.Features.Voice;

/// <summary>Voice notes and audio files sent to the bot in a private chat.</summary>
public sealed class VoiceBotHandler(Members members, VoiceNoteFlow flow, BotReplies replies) : IBotHandler
{
    public BotRoute Route { get; } = new() { Voice = true };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        // In a group, a transcript would be read by everyone there: only private chats are heard.
        if (request.Message is not { Chat.Type: ChatType.Private } message) return;

        var member = await members.FindByTelegramIdAsync(request.TelegramUserId, ct);
        if (member is null)
        {
            await replies.SendTextAsync(request.ChatId, Catalogue.Instance.Get(Msg.NotAMember, request.Language), ct);
            return;
        }
        await flow.HandleAsync(member, request.ChatId, message, ct);
    }
}
