using Mindguard.Features.Users;
using Mindguard.Features.Users.DataRights;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Voice.Notes;

/// <summary>The person's voice notes in their data export: transcripts decrypted, with what the analysis found.</summary>
public sealed class VoiceNotesSection(VoiceNoteStore store) : IPersonalDataSection
{
    public string Name => "voiceNotes";

    public async Task<object?> ReadAsync(DbSession session, Member member, CancellationToken ct) =>
        member.DataKey is null ? Array.Empty<VoiceNote>() : await store.AllAsync(session, member, ct);
}
