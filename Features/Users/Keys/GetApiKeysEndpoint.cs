using FastEndpoints;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Keys;

public sealed class GetApiKeysEndpoint(ApiKeyStore keys) : Endpoint<GetApiKeysRequest, Page<ApiKeyInfo>>
{
    public override void Configure()
    {
        Get("/api/api-keys");
        Roles(RoleSets.AnyMember);
        Description(b => b.Problems(400, 401));
        Summary(s =>
        {
            s.Summary = "List API keys";
            s.Description = "Your own keys; admins see every key of their organisation. Keys themselves are never shown again, only their prefix.";
        });
    }

    public override async Task HandleAsync(GetApiKeysRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        var owner = actor.Role == Actor.Admin ? req.UserId : actor.UserId;
        var rows = await keys.ListAsync(actor, owner, req.AfterId, req.Take + 1, ct);
        await Send.OkAsync(Paging.ToPage(rows, req.Take, k => k.Id), ct);
    }
}
