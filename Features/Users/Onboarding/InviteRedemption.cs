using Mindguard.Features.Users.Consent;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Onboarding;

public abstract record RedeemResult
{
    /// <summary>The code is right; the invite is not used until the person agrees to the terms.</summary>
    public sealed record Verified(Guid InviteId, Guid OrganisationId, string TeamName, string OrganisationName) : RedeemResult;
    public sealed record Joined(string TeamName, string OrganisationName, string TimeZone) : RedeemResult;
    public sealed record AlreadyMember : RedeemResult;
    public sealed record InvalidCode : RedeemResult;
    public sealed record Throttled(TimeSpan Wait) : RedeemResult;
}

/// <summary>
/// Turns a typed invite code into membership in two steps with the consent screen between them:
/// <see cref="VerifyAsync"/> throttles, finds candidates by prefix and verifies the Argon2id hash, storing
/// nothing; <see cref="JoinAsync"/>, on "I agree", claims one use and creates the person with their consent
/// in one transaction.
/// </summary>
public sealed class InviteRedemption(NpgsqlDataSource db, SecretHasher hasher, PersonCipher cipher, CodeAttemptLimiter limiter, ConsentClauses clauses)
{
    private static readonly string CandidatesSql = Sql.Load<InviteRedemption>("FindInviteCandidates");
    private static readonly string ClaimSql = Sql.Load<InviteRedemption>("ClaimInvite");
    private static readonly string InsertMemberSql = Sql.Load<InviteRedemption>("InsertMember");
    private static readonly string TeamSql = Sql.Load<InviteRedemption>("GetTeamForWelcome");

    public async Task<RedeemResult> VerifyAsync(long telegramId, string typedCode, CancellationToken ct)
    {
        var code = InviteCodes.Normalise(typedCode);
        var prefix = InviteCodes.HasValidShape(code) ? InviteCodes.Prefix(code) : null;
        if (await limiter.WaitBeforeNextAttemptAsync(telegramId, prefix) is { } wait) return new RedeemResult.Throttled(wait);

        var invite = prefix is null ? null : await FindMatchingInviteAsync(prefix, code, ct);
        if (invite is null)
        {
            await limiter.RecordFailureAsync(telegramId, prefix);
            return new RedeemResult.InvalidCode();
        }
        await limiter.ForgetFailuresAsync(telegramId);

        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var team = await session.Connection.QuerySingleAsync<Team>(session.Command(TeamSql, new { teamId = invite.TeamId }, ct));
        return new RedeemResult.Verified(invite.Id, team.OrganisationId, team.TeamName, team.OrganisationName);
    }

    public async Task<RedeemResult> JoinAsync(long telegramId, Guid inviteId, string language, string displayName, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var claimed = await session.Connection.QuerySingleOrDefaultAsync<ClaimedInvite>(session.Command(ClaimSql, new { id = inviteId }, ct));
        if (claimed is null)
        {
            // Used up, revoked or expired while the person was reading the terms.
            return new RedeemResult.InvalidCode();
        }

        var team = await session.Connection.QuerySingleAsync<Team>(session.Command(TeamSql, new { teamId = claimed.TeamId }, ct));
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
            consentVersion = ConsentText.Version,
            consentClauses = clauses.InForce,
        }, ct));
        if (inserted == 0) return new RedeemResult.AlreadyMember();

        await session.CommitAsync(ct);
        return new RedeemResult.Joined(team.TeamName, team.OrganisationName, team.TimeZone);
    }

    private async Task<Candidate?> FindMatchingInviteAsync(string prefix, string code, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var candidates = await session.Connection.QueryAsync<Candidate>(session.Command(CandidatesSql, new { prefix }, ct));
        return candidates.FirstOrDefault(candidate => hasher.Verify(candidate.CodeHash, code));
    }

    private sealed record Candidate(Guid Id, string CodeHash, Guid TeamId);

    private sealed record Team(string TeamName, string OrganisationName, string TimeZone, Guid OrganisationId);

    private sealed record ClaimedInvite(Guid OrganisationId, Guid TeamId, string Role);
}
