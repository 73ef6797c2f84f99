using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Users.DataRights;

/// <summary>
/// One part of a person's data export. Each feature that stores personal data registers a section,
/// so the export stays complete as features are added. Sections read as the person (RLS applies).
/// </summary>
public interface IPersonalDataSection
{
    string Name { get; }

    Task<object?> ReadAsync(DbSession session, Member member, CancellationToken ct);
}
