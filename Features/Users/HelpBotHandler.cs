using Mindguard.Infrastructure.Localization;
using Mindguard.Features.Users.Resources;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Users;

/// <summary><c>/help</c>: every command with one line each.</summary>
public sealed class HelpBotHandler(BotReplies replies, Members members, SupportResources resources) : IBotHandler
{
    public BotRoute Route { get; } = new() { Commands = ["/help"] };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        // A member sees their organisation's resources; anyone else the defaults for their language.
        var member = await members.FindByTelegramIdAsync(request.TelegramUserId, ct);
        var language = member?.Language ?? request.Language;
        var list = member is null ? SupportResources.Defaults(language) : await resources.ForAsync(member.OrganisationId, language, ct);
        await replies.SendTextAsync(request.ChatId, SupportResources.Text(list, Msg.Help, language), ct);
    }
}
