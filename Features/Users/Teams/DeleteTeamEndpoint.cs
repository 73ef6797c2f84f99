using FastEndpoints;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Teams;

public sealed class DeleteTeamEndpoint(NpgsqlDataSource db) : Endpoint<TeamIdRequest>
{
    private static readonly string DeleteSql = Sql.Load<DeleteTeamEndpoint>("DeleteTeam");

    public override void Configure()
    {
        Delete("/api/teams/{id}");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Produces(204).Problems(401, 403, 404));
        Summary(s =>
        {
            s.Summary = "Delete a team";
            s.Description = "Its members stay in the organisation without a team; its open invites stop working.";
        });
    }

    public override async Task HandleAsync(TeamIdRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        await using var session = await db.OpenSessionAsync(actor, ct);
        if (await session.Connection.ExecuteAsync(session.Command(DeleteSql, new { id = req.Id }, ct)) == 0)
        {
            await Send.ResultAsync(ApiProblems.NotFound());
            return;
        }
        await AuditTrail.RecordAsync(session, actor, AuditActions.TeamDeleted, ct, targetId: req.Id);
        await session.CommitAsync(ct);
        await Send.NoContentAsync(ct);
    }
}
