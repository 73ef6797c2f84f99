using FastEndpoints;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.People;

public sealed class PatchUserEndpoint(NpgsqlDataSource db, PersonCipher cipher, StackExchange.Redis.IDatabase redis) : Endpoint<PatchUserRequest, PersonResponse>
{
    private static readonly string UpdateSql = Sql.Load<PatchUserEndpoint>("UpdatePerson");
    private static readonly string MoveAlertsSql = Sql.Load<PatchUserEndpoint>("MoveOpenAlerts");
    private static readonly string KeyHashesSql = Sql.Load<PatchUserEndpoint>("GetKeyHashes");

    public override void Configure()
    {
        Patch("/api/users/{id}");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Problems(400, 401, 403, 404));
        Summary(s =>
        {
            s.Summary = "Change someone's role or team, or deactivate them";
            s.ExampleRequest = new PatchUserRequest { Role = "manager" };
        });
    }

    public override async Task HandleAsync(PatchUserRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        if (req.Id == actor.UserId && (req.Role is not null and not Actor.Admin || req.Active == false))
        {
            ThrowError("You cannot demote or deactivate yourself; ask another admin.");
        }
        await using var session = await db.OpenSessionAsync(actor, ct);
        var before = await Members.FindAsync(session, req.Id, ct);
        var row = await session.Connection.QuerySingleOrDefaultAsync<PersonRow>(session.Command(UpdateSql,
            new { id = req.Id, role = req.Role, teamId = req.TeamId, active = req.Active }, ct));
        if (row is null || before is null)
        {
            await Send.ResultAsync(ApiProblems.NotFound());
            return;
        }
        // Not committed: leaving the session rolls the change back.
        if (req.TeamId is not null && row.TeamId != req.TeamId) ThrowError(r => r.TeamId, "No such team in your organisation.");
        if (req.TeamId is not null) await session.Connection.ExecuteAsync(session.Command(MoveAlertsSql, new { id = row.Id, teamId = row.TeamId }, ct));
        await AccessLog.RecordAsync(session, actor, [row.Id], "profile", ct);
        if (req.Role is not null && req.Role != before.Role)
            await AuditTrail.RecordAsync(session, actor, AuditActions.PersonRoleChanged, ct, subjectId: row.Id, detail: new { from = before.Role, to = row.Role });
        if (req.TeamId is not null && req.TeamId != before.TeamId)
            await AuditTrail.RecordAsync(session, actor, AuditActions.PersonTeamChanged, ct, subjectId: row.Id, detail: new { from = before.TeamId, to = row.TeamId });
        if (req.Active is { } active && active != before.Active)
            await AuditTrail.RecordAsync(session, actor, active ? AuditActions.PersonReactivated : AuditActions.PersonDeactivated, ct, subjectId: row.Id);
        var hashes = await session.Connection.QueryAsync<string>(session.Command(KeyHashesSql, new { id = row.Id }, ct));
        await session.CommitAsync(ct);
        // A cached key lookup would keep the old role (or an inactive person's access) for up to a minute.
        foreach (var hash in hashes) await redis.KeyDeleteAsync(ApiKeyAuthentication.CacheKey(hash));
        await Send.OkAsync(row.ToResponse(cipher), ct);
    }
}
