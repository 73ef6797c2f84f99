using FastEndpoints;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Keys;

public sealed class DeleteApiKeyEndpoint(ApiKeyStore keys) : Endpoint<ApiKeyIdRequest>
{
    public override void Configure()
    {
        Delete("/api/api-keys/{id}");
        Roles(RoleSets.AnyMember);
        Description(b => b.Produces(204).Problems(401, 404));
        Summary(s => s.Summary = "Revoke an API key (yours, or any in your organisation for admins); it stops working at once");
    }

    public override async Task HandleAsync(ApiKeyIdRequest req, CancellationToken ct)
    {
        if (!await keys.RevokeAsync(User.ToActor(), req.Id, ct))
        {
            await Send.ResultAsync(ApiProblems.NotFound());
            return;
        }
        await Send.NoContentAsync(ct);
    }
}
