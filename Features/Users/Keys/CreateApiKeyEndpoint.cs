using FastEndpoints;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Keys;

public sealed class CreateApiKeyEndpoint(ApiKeyStore keys) : Endpoint<CreateApiKeyRequest, CreatedApiKeyResponse>
{
    public override void Configure()
    {
        Post("/api/api-keys");
        Roles(RoleSets.AnyMember);
        Description(b => b.Produces<CreatedApiKeyResponse>(201).Problems(400, 401, 403, 404));
        Summary(s =>
        {
            s.Summary = "Create an API key";
            s.Description = "The key acts with its owner's role. It is returned once; only its SHA-256 is stored.";
            s.ExampleRequest = new CreateApiKeyRequest { Name = "HR dashboard" };
        });
    }

    public override async Task HandleAsync(CreateApiKeyRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        var owner = req.UserId ?? actor.UserId!.Value;
        if (owner != actor.UserId && actor.Role != Actor.Admin)
        {
            await Send.ResultAsync(ApiProblems.Forbidden());
            return;
        }
        var created = await keys.CreateAsync(actor, owner, req.Name.Trim(), ct);
        if (created is not { } result)
        {
            await Send.ResultAsync(ApiProblems.NotFound("No such active person, or not a manager or admin: keys cannot be made for employees by anyone but themselves."));
            return;
        }
        await Send.ResultAsync(TypedResults.Created($"/api/api-keys/{result.Info.Id}",
            new CreatedApiKeyResponse(result.Info.Id, result.Key, result.Info.Name, result.Info.UserId, result.Info.DisplayPrefix)));
    }
}
