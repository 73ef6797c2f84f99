using FastEndpoints;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Invites;

public sealed class DeleteInviteEndpoint(NpgsqlDataSource db) : Endpoint<InviteIdRequest>
{
    private static readonly string RevokeSql = Sql.Load<DeleteInviteEndpoint>("RevokeInvite");

    public override void Configure()
    {
        Delete("/api/invites/{id}");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Produces(204).Problems(401, 403, 404));
        Summary(s => s.Summary = "Revoke an invite; people who already joined stay");
    }

    public override async Task HandleAsync(InviteIdRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        await using var session = await db.OpenSessionAsync(actor, ct);
        if (await session.Connection.ExecuteAsync(session.Command(RevokeSql, new { id = req.Id }, ct)) == 0)
        {
            await Send.ResultAsync(ApiProblems.NotFound());
            return;
        }
        await AuditTrail.RecordAsync(session, actor, AuditActions.InviteRevoked, ct, targetId: req.Id);
        await session.CommitAsync(ct);
        await Send.NoContentAsync(ct);
    }
}
