using Mindguard.Features.Users;
using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Alerts;

/// <summary>What raised the crisis path: a check-in answer, a voice note's analysis, or a written note.</summary>
public enum CrisisSource { CheckinAnswer, VoiceNote, FreeText }

/// <summary>
/// The public entry point every feature calls when someone may be at risk. Crisis resources are shown
/// at once, in the person's language, before anything else happens.
/// </summary>
public sealed class CrisisPath(BotReplies replies, ILogger<CrisisPath> logger)
{
    public async Task StartAsync(Member member, long chatId, CrisisSource source, CancellationToken ct)
    {
        // Logged without any content: only that the path started and from where.
        logger.LogWarning("Crisis path started from {Source}", source);
        await replies.SendTextAsync(chatId, Catalogue.Instance.Get(Msg.CrisisResources, member.Language), ct);
    }
}
