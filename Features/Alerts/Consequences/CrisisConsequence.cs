using Mindguard.Features.Users;
using Mindguard.Infrastructure.Consequences;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Alerts.Consequences;

/// <summary>
/// Someone may be at risk (an item-9 answer, a voice note or a written note): crisis resources in the
/// safety lane and a follow-up tomorrow, recorded together, once.
/// </summary>
public sealed class CrisisConsequence(CrisisPath crisis, ILogger<CrisisConsequence> logger) : IConsequenceHandler
{
    public string Kind => ConsequenceKinds.Crisis;

    public async Task HandleAsync(DbSession session, Consequence consequence, CancellationToken ct)
    {
        var member = await Members.FindAsync(session, consequence.UserId, ct);
        if (member is null) return;
        // Logged without any content: only that the path started and from where (the key's first part).
        logger.LogWarning("Crisis path started from {Source}", consequence.DedupeKey.Split(':')[0]);
        await crisis.OpenAsync(session, member, ct);
    }
}
