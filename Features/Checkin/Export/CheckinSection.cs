using Mindguard.Features.Users;
using Mindguard.Features.Users.DataRights;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Checkin.Export;

/// <summary>
/// Every check-in answer the person gave (with what it meant: metric, item, score; a question they
/// preferred not to answer as skipped, with no value and no score) and their notes, decrypted: the
/// export is the only place an author can read their notes back.
/// </summary>
public sealed class CheckinSection(PersonCipher cipher) : IPersonalDataSection
{
    private static readonly string AnswersSql = Sql.Load<CheckinSection>("ExportAnswers");
    private static readonly string NotesSql = Sql.Load<CheckinSection>("ExportNotes");

    public string Name => "checkins";

    public async Task<object?> ReadAsync(DbSession session, Member member, CancellationToken ct)
    {
        var answers = await session.Connection.QueryAsync<Answer>(session.Command(AnswersSql, new { id = member.Id }, ct));
        var notes = (await session.Connection.QueryAsync<NoteRow>(session.Command(NotesSql, new { id = member.Id }, ct)))
            .Select(n => new Note(n.LocalDate, member.DataKey is null ? null
                : cipher.Decrypt(member.Id, member.DataKey, n.Note, CheckinStore.NoteContext(member.Id, n.LocalDate)), n.CreatedAt));
        return new { Answers = answers, Notes = notes };
    }

    private sealed record Answer(DateOnly LocalDate, string QuestionId, int? Value, bool Skipped, string Metric, int? Item, int? Score, DateTime AnsweredAt);

    private sealed record NoteRow(DateOnly LocalDate, byte[] Note, DateTime CreatedAt);

    private sealed record Note(DateOnly LocalDate, string? Text, DateTime CreatedAt);
}
