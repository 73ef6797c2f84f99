using Mindguard.Features.Users;
using Mindguard.Features.Users.DataRights;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Voice.Notes;

/// <summary>The person's voice notes in their data export: transcripts decrypted, with what the analysis found.</summary>
public sealed class VoiceNotesSection(VoiceNoteStore store) : IPersonalDataSection
{
    public async Task FillAsync(PersonalDataDocument document, DbSession session, Member member, CancellationToken ct)
    {
        if (member.DataKey is null) return;
        document.VoiceNotes = (await store.AllAsync(session, member, ct))
            .Select(n => new ExportedVoiceNote(n.Id, n.CreatedAt, n.DurationSeconds, n.Transcript, n.Topics, n.Mood, n.Stress, n.SelfHarmRisk))
            .ToList();
    }
}
