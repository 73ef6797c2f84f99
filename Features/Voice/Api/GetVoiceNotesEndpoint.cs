using FastEndpoints;
using Mindguard.Features.Users;
using Mindguard.Features.Voice.Notes;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Http;
using Mindguard.Infrastructure.Security;

namespace Mindguard.Features.Voice.Api;

public sealed class GetVoiceNotesEndpoint(Members members, VoiceNoteStore store, NpgsqlDataSource db)
    : Endpoint<GetVoiceNotesRequest, Page<VoiceNoteResponse>>
{
    public override void Configure()
    {
        Get("/api/me/voice-notes");
        Roles(RoleSets.AnyMember);
        Description(b => b.Problems(400, 401, 404));
        Summary(s =>
        {
            s.Summary = "Your voice notes";
            s.Description = "Transcripts of the voice notes you sent the bot, decrypted, with what the analysis read in them; newest first. Only you can read them; the audio is never kept.";
            s.ResponseExamples[200] = VoiceNoteResponse.Example;
        });
    }

    public override async Task HandleAsync(GetVoiceNotesRequest req, CancellationToken ct)
    {
        var member = await members.FindAsync(User.ToActor(), ct);
        if (member is null)
        {
            await Send.ResultAsync(Results.Problem(statusCode: 404, title: "Not Found", detail: "Your account no longer exists."));
            return;
        }
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        var notes = await store.PageAsync(session, member, req.AfterId, req.Take + 1, ct);
        await Send.OkAsync(Paging.ToPage(notes.Select(VoiceNoteResponse.From).ToList(), req.Take, n => n.Id), ct);
    }
}
