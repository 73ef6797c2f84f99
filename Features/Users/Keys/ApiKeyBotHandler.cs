using Mindguard.Infrastructure.Localization;
using Mindguard.Infrastructure.Telegram;

namespace Mindguard.Features.Users.Keys;

/// <summary>
/// <c>/apikey</c>: anyone gets a key for the API acting as themselves, shown once. It is the one way a
/// person without a key obtains one: nobody else can mint a key for them.
/// </summary>
public sealed class ApiKeyBotHandler(Members members, ApiKeyStore keys, BotReplies replies) : IBotHandler
{
    public BotRoute Route { get; } = new() { Commands = ["/apikey"] };

    public async Task HandleAsync(BotRequest request, CancellationToken ct)
    {
        var member = await members.FindOrAskToJoinAsync(request, replies, ct);
        if (member is null) return;
        var created = await keys.CreateAsync(member.Actor, $"telegram {DateTime.UtcNow:yyyy-MM-dd}", ct);
        var text = created.Key is { } key
            ? Catalogue.Instance.Get(Msg.ApikeyCreated, member.Language, key)
            : Catalogue.Instance.Get(Msg.ApikeyLimit, member.Language, ApiKeyStore.MaxActiveKeys);
        await replies.SendTextAsync(request.ChatId, text, ct);
    }
}
