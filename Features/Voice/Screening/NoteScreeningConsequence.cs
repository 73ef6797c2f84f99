using Mindguard.Features.Users;
using Mindguard.Features.Voice.Ai;
using Mindguard.Infrastructure.Consequences;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Voice.Screening;

/// <summary>
/// A written check-in note, read with the same analysis as voice notes when a server is configured and,
/// whatever the server does (off, down, refusing, answering nonsense), with <see cref="CrisisPhrases"/>.
/// A risk records a crisis consequence, which the Alerts slice carries out.
/// </summary>
public sealed class NoteScreeningConsequence(VoiceAi ai, IOptions<VoiceOptions> options, PersonCipher cipher, ILogger<NoteScreeningConsequence> logger)
    : IConsequenceHandler
{
    private static readonly string NoteSql = Sql.Load<NoteScreeningConsequence>("GetNoteForScreening");

    public string Kind => ConsequenceKinds.ScreenNote;

    public async Task HandleAsync(DbSession session, Consequence consequence, CancellationToken ct)
    {
        var member = await Members.FindAsync(session, consequence.UserId, ct);
        if (member?.DataKey is null) return;
        var sealedNote = await session.Connection.QuerySingleOrDefaultAsync<byte[]?>(session.Command(NoteSql,
            new { userId = member.Id, date = consequence.LocalDate }, ct));
        if (sealedNote is null) return;
        var text = cipher.Decrypt(member.Id, member.DataKey, sealedNote, PersonCipher.CheckinNoteContext(member.Id, consequence.LocalDate));

        if (await AnalysedRiskAsync(text, member.Language, ct) || CrisisPhrases.Match(text))
            await Consequences.RecordAsync(session, member.Id, ConsequenceKinds.Crisis, consequence.DedupeKey, consequence.LocalDate, ct);
    }

    private async Task<bool> AnalysedRiskAsync(string text, string language, CancellationToken ct)
    {
        if (!options.Value.Enabled) return false;
        try
        {
            return (await ai.AnalyseAsync(text, language, ct)).SelfHarmRisk;
        }
        catch (Exception ex) when (ex is VoiceAiException or TimeoutException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // Only the kind of failure: the message may quote the server, never the note.
            logger.LogWarning("Note analysis unavailable ({Failure}); screened by the phrase list", ex is VoiceAiException v ? v.Failure.ToString() : "Timeout");
            return false;
        }
    }
}
