using Mindguard.Features.Users.Consent;
using Mindguard.Infrastructure.Telegram;
using Telegram.Bot.Types.Enums;

namespace Mindguard.Features.Voice;

/// <summary>Voice notes and audio files sent to the bot in a private chat.</summary>
public sealed class VoiceBotHandler(ConsentScreen consent, VoiceNoteFlow flow) : IBotHandler
{
    public BotRoute Route { get; } = new() { Voice = true };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        // In a group, a transcript would be read by everyone there: only private chats are heard.
        if (request.Message is not { Chat.Type: ChatType.Private } message) return;

        // Nothing is sent to the AI server for someone who has not agreed to the terms that say it would be.
        var member = await consent.FindConsentedOrAskAsync(request, ct);
        if (member is null) return;
        await flow.HandleAsync(member, request.ChatId, message, ct);
    }
}
