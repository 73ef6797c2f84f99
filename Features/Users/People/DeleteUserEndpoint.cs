using FastEndpoints;
using Mindguard.Features.Users.DataRights;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.People;

public sealed class DeleteUserEndpoint(NpgsqlDataSource db, ForgetMember forget) : Endpoint<PersonIdRequest>
{
    public override void Configure()
    {
        Delete("/api/users/{id}");
        Roles(RoleSets.AdminOnly);
        Description(b => b.Produces(204).Problems(400, 401, 403, 404));
        Summary(s =>
        {
            s.Summary = "Remove a person and all their data";
            s.Description = "Offboarding for good: the person is deleted exactly as if they had sent /forget, with their personal encryption key, so encrypted copies in backups become unreadable. This cannot be undone. To only stop their access, PATCH active=false instead.";
        });
    }

    public override async Task HandleAsync(PersonIdRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        if (req.Id == actor.UserId) ThrowError("To delete your own account use DELETE /api/me.");
        Member? person;
        await using (var session = await db.OpenSessionAsync(actor, ct))
        {
            // RLS shows an admin only the people of their own organisation.
            person = await Members.FindAsync(session, req.Id, ct);
            // Recorded first: the subject id is cleared when the person goes, the act stays.
            if (person is not null)
            {
                await AuditTrail.RecordAsync(session, actor, AuditActions.PersonDeleted, ct, subjectId: person.Id);
                await session.CommitAsync(ct);
            }
        }
        if (person is null)
        {
            await Send.ResultAsync(ApiProblems.NotFound());
            return;
        }
        await forget.ForgetAsync(person, ct);
        await Send.NoContentAsync(ct);
    }
}
