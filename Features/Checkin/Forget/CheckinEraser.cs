using Mindguard.Features.Checkin.Sessions;
using Mindguard.Features.Users;
using Mindguard.Features.Users.DataRights;
using StackExchange.Redis;

namespace Mindguard.Features.Checkin.Forget;

/// <summary>The person's open check-in session (their answers so far) and the deep-check offer marker.</summary>
public sealed class CheckinEraser(CheckinSessions sessions, IDatabase redis) : IPersonalDataEraser
{
    public async Task EraseAsync(Member member, CancellationToken ct)
    {
        if (member.TelegramId is { } telegramId && await sessions.ActiveForAsync(telegramId) is { } session) await sessions.EndAsync(session);
        await redis.KeyDeleteAsync(DeepCheck.OfferedKey(member.Id));
    }
}
