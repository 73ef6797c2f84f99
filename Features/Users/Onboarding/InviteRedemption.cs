using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Onboarding;

public abstract record RedeemResult
{
    public sealed record Joined(string TeamName, string OrganisationName, string TimeZone) : RedeemResult;
    public sealed record AlreadyMember : RedeemResult;
    public sealed record InvalidCode : RedeemResult;
    public sealed record Throttled(TimeSpan Wait) : RedeemResult;
}

/// <summary>
/// Turns a typed invite code into membership: throttle, find candidates by prefix, verify the
/// Argon2id hash, then claim one use and create the person in one transaction.
/// </summary>
public sealed class InviteRedemption(NpgsqlDataSource db, SecretHasher hasher, PersonCipher cipher, CodeAttemptLimiter limiter)
{
    private static readonly string CandidatesSql = Sql.Load<InviteRedemption>("FindInviteCandidates");
    private static readonly string ClaimSql = Sql.Load<InviteRedemption>("ClaimInvite");
    private static readonly string InsertMemberSql = Sql.Load<InviteRedemption>("InsertMember");
    private static readonly string TeamSql = Sql.Load<InviteRedemption>("GetTeamForWelcome");

    public async Task<RedeemResult> RedeemAsync(long telegramId, string typedCode, string language, string displayName, CancellationToken ct)
    {
        var code = InviteCodes.Normalise(typedCode);
        var prefix = InviteCodes.HasValidShape(code) ? InviteCodes.Prefix(code) : null;
        if (await limiter.WaitBeforeNextAttemptAsync(telegramId, prefix) is { } wait) return new RedeemResult.Throttled(wait);

        var inviteId = prefix is null ? null : await FindMatchingInviteAsync(prefix, code, ct);
        if (inviteId is null)
        {
            await limiter.RecordFailureAsync(telegramId, prefix);
            return new RedeemResult.InvalidCode();
        }

        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var claimed = await session.Connection.QuerySingleOrDefaultAsync<ClaimedInvite>(session.Command(ClaimSql, new { id = inviteId }, ct));
        if (claimed is null)
        {
            // Used up or revoked between the lookup and the claim.
            return new RedeemResult.InvalidCode();
        }

        var team = await session.Connection.QuerySingleAsync<(string TeamName, string OrganisationName, string TimeZone)>(
            session.Command(TeamSql, new { teamId = claimed.TeamId }, ct));
        var userId = Guid.CreateVersion7();
        var key = cipher.NewKey(userId);
        var inserted = await session.Connection.ExecuteAsync(session.Command(InsertMemberSql, new
        {
            id = userId,
            organisationId = claimed.OrganisationId,
            teamId = claimed.TeamId,
            telegramId,
            displayName = cipher.EncryptDisplayName(userId, key.Wrapped, displayName),
            role = claimed.Role,
            language,
            timeZone = team.TimeZone,
            dataKey = key.Wrapped,
        }, ct));
        if (inserted == 0) return new RedeemResult.AlreadyMember();

        await session.CommitAsync(ct);
        await limiter.ForgetFailuresAsync(telegramId);
        return new RedeemResult.Joined(team.TeamName, team.OrganisationName, team.TimeZone);
    }

    private async Task<Guid?> FindMatchingInviteAsync(string prefix, string code, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var candidates = await session.Connection.QueryAsync<(Guid Id, string CodeHash)>(session.Command(CandidatesSql, new { prefix }, ct));
        foreach (var candidate in candidates)
        {
            if (hasher.Verify(candidate.CodeHash, code)) return candidate.Id;
        }
        return null;
    }

    private sealed record ClaimedInvite(Guid OrganisationId, Guid TeamId, string Role);
}
