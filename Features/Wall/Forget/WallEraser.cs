using Mindguard.Features.Users;
using Mindguard.Features.Users.DataRights;
using Mindguard.Features.Wall.Bot;
using Mindguard.Features.Wall.Posts;

namespace Mindguard.Features.Wall.Forget;

/// <summary>
/// The person's unpublished draft, their delete receipt and their daily counter. Published posts stay:
/// they carry no author, so nothing in them is the person's to take back but through their token.
/// </summary>
public sealed class WallEraser(WallDrafts drafts, PostingLimit limit) : IPersonalDataEraser
{
    public async Task EraseAsync(Member member, CancellationToken ct)
    {
        if (member.TelegramId is { } telegramId) await drafts.ForgetAsync(telegramId);
        await limit.ForgetAsync(member.Id);
    }
}
