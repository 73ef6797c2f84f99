using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Users.DataRights;

/// <summary>
/// One part of a person's data export. Each feature that stores personal data registers a section that fills
/// its part of the <see cref="PersonalDataDocument"/>, so the export stays complete as features are added.
/// Sections read as the person (RLS applies) in one transaction, so the parts agree with each other.
/// </summary>
public interface IPersonalDataSection
{
    Task FillAsync(PersonalDataDocument document, DbSession session, Member member, CancellationToken ct);
}
