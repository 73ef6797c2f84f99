using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Users;

/// <summary><c>/help</c>: every command with one line each.</summary>
public sealed class HelpBotHandler(BotReplies replies) : IBotHandler
{
    public BotRoute Route { get; } = new() { Commands = ["/help"] };

    public Task HandleAsync(BotRequest request, CancellationToken ct) =>
        replies.SendTextAsync(request.ChatId, Catalogue.Instance.Get(Msg.Help, request.Language), ct);
}
