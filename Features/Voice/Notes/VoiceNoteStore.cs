using System.Security.Cryptography;
using System.Text.Json;
using Mindguard.Features.Users;
using Mindguard.Features.Voice.Ai;
using Mindguard.Features.Users.Settings;
using Mindguard.Infrastructure.Consequences;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Voice.Notes;

/// <summary>A stored note as its owner reads it. <c>Transcript</c> and <c>Topics</c> are null only when the stored value failed its integrity check.</summary>
public sealed record VoiceNote(
    Guid Id, DateTime CreatedAt, int DurationSeconds, string? Transcript, IReadOnlyList<string>? Topics, int Mood, int Stress, bool SelfHarmRisk);

/// <summary>
/// Voice notes, always read and written as the person (row-level security applies). The words are sealed
/// under the person's own data key, bound to the row by its id, so a value copied to another row or
/// another person does not open.
/// </summary>
public sealed class VoiceNoteStore(NpgsqlDataSource db, PersonCipher cipher, TimeProvider time, ILogger<VoiceNoteStore> logger)
{
    private static readonly string InsertSql = Sql.Load<VoiceNoteStore>("InsertVoiceNote");
    private static readonly string ListSql = Sql.Load<VoiceNoteStore>("ListVoiceNotes");
    private static readonly string ExportSql = Sql.Load<VoiceNoteStore>("ExportVoiceNotes");
    private static readonly string DeleteSql = Sql.Load<VoiceNoteStore>("DeleteVoiceNote");

    public static string TranscriptContext(Guid userId, Guid noteId) => $"mindguard:voice-transcript:{userId}:{noteId}";

    public static string TopicsContext(Guid userId, Guid noteId) => $"mindguard:voice-topics:{userId}:{noteId}";

    /// <summary>
    /// Stores one note; false when this Telegram message was stored before (a redelivery). A note at risk
    /// records its crisis in the same transaction, so nothing between here and the reply can lose it.
    /// </summary>
    public async Task<bool> SaveAsync(Member member, Guid noteId, long telegramMessageId, int durationSeconds,
        string transcript, VoiceAnalysis analysis, bool atRisk, CancellationToken ct)
    {
        var key = member.DataKey ?? throw new InvalidOperationException("A member without a data key cannot keep voice notes");
        var sealedTranscript = cipher.Encrypt(member.Id, key, transcript, TranscriptContext(member.Id, noteId));
        var sealedTopics = cipher.Encrypt(member.Id, key, JsonSerializer.Serialize(analysis.Topics), TopicsContext(member.Id, noteId));
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        var stored = await session.Connection.ExecuteAsync(session.Command(InsertSql, new
        {
            id = noteId,
            userId = member.Id,
            telegramMessageId,
            durationSeconds,
            transcript = sealedTranscript,
            topics = sealedTopics,
            mood = analysis.Mood,
            stress = analysis.Stress,
            selfHarmRisk = atRisk,
        }, ct)) == 1;
        if (atRisk) await RecordCrisisAsync(session, member, telegramMessageId, ct);
        await session.CommitAsync(ct);
        return stored;
    }

    /// <summary>A note at risk that could not be analysed (and so is not kept): its crisis is recorded on its own.</summary>
    public async Task RecordCrisisAsync(Member member, long telegramMessageId, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        await RecordCrisisAsync(session, member, telegramMessageId, ct);
        await session.CommitAsync(ct);
    }

    private Task RecordCrisisAsync(DbSession session, Member member, long telegramMessageId, CancellationToken ct) =>
        Consequences.RecordAsync(session, member.Id, ConsequenceKinds.Crisis, ConsequenceKinds.VoiceKey(telegramMessageId),
            SettingsRules.LocalToday(member.TimeZone, time), ct);

    /// <summary>Newest first, before <paramref name="before"/> (an id from the previous page).</summary>
    public async Task<IReadOnlyList<VoiceNote>> PageAsync(DbSession session, Member member, Guid? before, int limit, CancellationToken ct)
    {
        var rows = await session.Connection.QueryAsync<Row>(session.Command(ListSql, new { userId = member.Id, before, limit }, ct));
        return rows.Select(row => Open(member, row)).ToList();
    }

    /// <summary>Every note, oldest first, for the person's data export.</summary>
    public async Task<IReadOnlyList<VoiceNote>> AllAsync(DbSession session, Member member, CancellationToken ct)
    {
        var rows = await session.Connection.QueryAsync<Row>(session.Command(ExportSql, new { userId = member.Id }, ct));
        return rows.Select(row => Open(member, row)).ToList();
    }

    public async Task<bool> DeleteAsync(Actor actor, Guid id, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(actor, ct);
        var deleted = await session.Connection.ExecuteAsync(session.Command(DeleteSql, new { id, userId = actor.UserId }, ct));
        await session.CommitAsync(ct);
        return deleted == 1;
    }

    private VoiceNote Open(Member member, Row row)
    {
        string? transcript = null;
        IReadOnlyList<string>? topics = null;
        try
        {
            transcript = cipher.Decrypt(member.Id, member.DataKey!, row.Transcript, TranscriptContext(member.Id, row.Id));
            topics = JsonSerializer.Deserialize<List<string>>(cipher.Decrypt(member.Id, member.DataKey!, row.Topics, TopicsContext(member.Id, row.Id)));
        }
        catch (CryptographicException)
        {
            // Tampering (or a value moved between rows) is reported, never returned.
            logger.LogError("Voice note {NoteId} failed its integrity check", row.Id);
        }
        return new VoiceNote(row.Id, row.CreatedAt, row.DurationSeconds, transcript, topics, row.Mood, row.Stress, row.SelfHarmRisk);
    }

    private sealed record Row(Guid Id, DateTime CreatedAt, int DurationSeconds, byte[] Transcript, byte[] Topics, int Mood, int Stress, bool SelfHarmRisk);
}
