using FastEndpoints;
using Mindguard.Features.Users.DataRights;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Me;

public sealed class DeleteMeEndpoint(Members members, ForgetMember forget) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Delete("/api/me");
        Roles(RoleSets.AnyMember);
        Description(b => b.Produces(204).Problems(401));
        Summary(s =>
        {
            s.Summary = "Delete all your data";
            s.Description = "Deletes your account and everything linked to it, and your personal encryption key, so encrypted copies in backups become unreadable. This cannot be undone.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var member = await members.FindAsync(User.ToActor(), ct);
        if (member is not null) await forget.ForgetAsync(member, ct);
        await Send.NoContentAsync(ct);
    }
}
