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
        Description(b => b.Produces<CreatedApiKeyResponse>(201).Problems(400, 401, 403, 404, 409));
        Summary(s =>
        {
            s.Summary = "Create an API key";
            s.Description = "A key for yourself, acting with your role; nobody can create a key for someone else, whatever their role. It is returned once; only its SHA-256 is stored. At most 10 active keys per person: the 11th is refused with 409.";
            s.ExampleRequest = new CreateApiKeyRequest { Name = "HR dashboard" };
        });
    }

    public override async Task HandleAsync(CreateApiKeyRequest req, CancellationToken ct)
    {
        var actor = User.ToActor();
        if (req.UserId is { } other && other != actor.UserId)
        {
            await Send.ResultAsync(ApiProblems.Forbidden(
                "A key is minted only by the person it belongs to: with their own key, or /apikey in the bot."));
            return;
        }
        var created = await keys.CreateAsync(actor, req.Name.Trim(), ct);
        if (created.AtLimit)
        {
            await Send.ResultAsync(ApiProblems.Conflict(
                $"You already have {ApiKeyStore.MaxActiveKeys} active API keys. Revoke one you no longer use (DELETE /api/api-keys/{{id}}) before creating another."));
            return;
        }
        if (created.Info is not { } info)
        {
            await Send.ResultAsync(ApiProblems.NotFound("Your account no longer exists."));
            return;
        }
        await Send.ResultAsync(TypedResults.Created($"/api/api-keys/{info.Id}",
            new CreatedApiKeyResponse(info.Id, created.Key!, info.Name, info.UserId, info.DisplayPrefix)));
    }
}
