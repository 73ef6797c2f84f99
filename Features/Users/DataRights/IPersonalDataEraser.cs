namespace Mindguard.Features.Users.DataRights;

/// <summary>
/// What a feature keeps about a person outside the rows that leave with theirs by cascade: Redis keys,
/// messages queued to others that name them. <see cref="ForgetMember"/> runs every eraser before deleting
/// the person, so a feature that starts keeping such data registers one and /forget stays complete.
/// </summary>
public interface IPersonalDataEraser
{
    Task EraseAsync(Member member, CancellationToken ct);
}
