using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Users.Keys;

/// <summary><c>/apikey</c>: managers and admins get a key for the API, shown once.</summary>
public sealed class ApiKeyBotHandler(Members members, ApiKeyStore keys, BotReplies replies) : IBotHandler
{
    public BotRoute Route { get; } = new() { Commands = ["/apikey"] };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        var member = await members.FindOrAskToJoinAsync(request, replies, ct);
        if (member is null) return;
        if (!member.IsManagerOrAdmin)
        {
            await replies.SendTextAsync(request.ChatId, Catalogue.Instance.Get(Msg.ApikeyNotAllowed, member.Language), ct);
            return;
        }
        var created = await keys.CreateAsync(member.Actor, member.Id, $"telegram {DateTime.UtcNow:yyyy-MM-dd}", ct);
        await replies.SendTextAsync(request.ChatId, Catalogue.Instance.Get(Msg.ApikeyCreated, member.Language, created!.Value.Key), ct);
    }
}
