using FastEndpoints;
using Mindguard.Features.Voice.Notes;
using Mindguard.Infrastructure.Http;

namespace Mindguard.Features.Voice.Api;

public sealed class GetVoiceNotesRequest : PageRequest
{
    internal sealed class Validator : Validator<GetVoiceNotesRequest>
    {
        public Validator() => this.AddPagingRules();
    }
}

public sealed class VoiceNoteIdRequest
{
    public Guid Id { get; set; }
}

/// <param name="Id">The note's id, for deleting it.</param>
/// <param name="CreatedAt">When the note was heard (UTC).</param>
/// <param name="DurationSeconds">Length of the recording; the audio itself is not kept.</param>
/// <param name="Transcript">What was said, decrypted for you; null only if the stored value failed its integrity check.</param>
/// <param name="Topics">Short labels the analysis gave the note.</param>
/// <param name="Mood">1 (very low) to 5 (very good), as read from the note; an estimate, not a diagnosis.</param>
/// <param name="Stress">0 (none) to 10 (overwhelming), as read from the note.</param>
/// <param name="SelfHarmRisk">Whether the note led to crisis resources being shown.</param>
public sealed record VoiceNoteResponse(
    Guid Id, DateTime CreatedAt, int DurationSeconds, string? Transcript, IReadOnlyList<string>? Topics, int Mood, int Stress, bool SelfHarmRisk)
{
    public static VoiceNoteResponse From(VoiceNote note) =>
        new(note.Id, note.CreatedAt, note.DurationSeconds, note.Transcript, note.Topics, note.Mood, note.Stress, note.SelfHarmRisk);

    public static Page<VoiceNoteResponse> Example { get; } = new(
        [new VoiceNoteResponse(Guid.Parse("0193a5b0-0000-7000-8000-00000000000a"), new DateTime(2026, 11, 25, 8, 30, 0, DateTimeKind.Utc), 42,
            "Busy week, but the team helped a lot today.", ["workload", "team"], 4, 5, false)],
        "MDE5M2E1YjAtMDAwMC03MDAwLTgwMDAtMDAwMDAwMDAwMDBh");
}
