using FastEndpoints;
using Mindguard.Features.Voice.Notes;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Voice.Api;

public sealed class DeleteVoiceNoteEndpoint(VoiceNoteStore store) : Endpoint<VoiceNoteIdRequest>
{
    // Someone else's note and a missing one get the same answer, so ids reveal nothing. A new one each time:
    // the problem details are filled in per request (trace id).
    private static IResult NotYours() => Results.Problem(statusCode: 404, title: "Not Found", detail: "No voice note of yours has this id.");

    public override void Configure()
    {
        Delete("/api/me/voice-notes/{id}");
        Roles(RoleSets.AnyMember);
        Description(b => b.Produces(204).Problems(400, 401, 404));
        Summary(s =>
        {
            s.Summary = "Delete one of your voice notes";
            s.Description = "Removes the transcript and its analysis for good. Someone else's note, or one that does not exist, is 404 alike.";
        });
    }

    public override async Task HandleAsync(VoiceNoteIdRequest req, CancellationToken ct)
    {
        if (!await store.DeleteAsync(User.ToActor(), req.Id, ct))
        {
            await Send.ResultAsync(NotYours());
            return;
        }
        await Send.NoContentAsync(ct);
    }
}
