using FastEndpoints;
using Mindguard.Features.Users.DataRights;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Users.Me;

public sealed class GetExportEndpoint(Members members, PersonalDataExport export) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/api/me/export");
        Roles(RoleSets.AnyMember);
        Description(b => b.Produces(200, typeof(PersonalDataDocument), "application/json").Problems(401));
        Summary(s =>
        {
            s.Summary = "Download all your data";
            s.Description = "Everything Mindguard keeps about you, decrypted, as one JSON document: the same file the bot's /export sends. "
                + "Every field is described in docs/export-schema.md. A manager's or admin's export is recorded in the audit log.";
        });
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var member = await members.FindAsync(User.ToActor(), ct);
        if (member is null)
        {
            await Send.ResultAsync(ApiProblems.NotFound());
            return;
        }
        HttpContext.Response.Headers.ContentDisposition = "attachment; filename=\"mindguard-export.json\"";
        await Send.BytesAsync(await export.BuildJsonAsync(member, PersonalDataExport.ViaApi, ct), contentType: "application/json", cancellation: ct);
    }
}
