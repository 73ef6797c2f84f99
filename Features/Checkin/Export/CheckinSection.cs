using System.Globalization;
using System.Security.Cryptography;
using Mindguard.Features.Users;
using Mindguard.Features.Users.DataRights;
using Mindguard.Infrastructure.Database;
using StackExchange.Redis;

namespace Mindguard.Features.Checkin.Export;

/// <summary>
/// Every check-in day (when it was prompted, reminded, completed), every answer the person gave (with what it
/// meant: metric, item, score; a question they preferred not to answer as skipped, with no value and no score) and their notes, decrypted: the export is the only place an author can read
/// their notes back. Also when the deep check was last offered, which lives in Redis for a fortnight.
/// </summary>
public sealed class CheckinSection(PersonCipher cipher, IDatabase redis, ILogger<CheckinSection> logger) : IPersonalDataSection
{
    private static readonly string DaysSql = Sql.Load<CheckinSection>("ExportDays");
    private static readonly string AnswersSql = Sql.Load<CheckinSection>("ExportAnswers");
    private static readonly string NotesSql = Sql.Load<CheckinSection>("ExportNotes");

    public async Task FillAsync(PersonalDataDocument document, DbSession session, Member member, CancellationToken ct)
    {
        var c = session.Connection;
        var days = await c.QueryAsync<ExportedCheckinDay>(session.Command(DaysSql, new { id = member.Id }, ct));
        var answers = await c.QueryAsync<ExportedAnswer>(session.Command(AnswersSql, new { id = member.Id }, ct));
        var notes = (await c.QueryAsync<NoteRow>(session.Command(NotesSql, new { id = member.Id }, ct)))
            .Select(n => new ExportedNote(n.LocalDate, Open(member, n), n.CreatedAt));
        var offered = await redis.StringGetAsync(DeepCheck.OfferedKey(member.Id));
        document.Checkins = new ExportedCheckins(days.ToList(), answers.ToList(), notes.ToList(),
            offered.HasValue && DateOnly.TryParseExact(offered.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on) ? on : null);
    }

    private string? Open(Member member, NoteRow note)
    {
        if (member.DataKey is null) return null;
        try
        {
            return cipher.Decrypt(member.Id, member.DataKey, note.Note, CheckinStore.NoteContext(member.Id, note.LocalDate));
        }
        catch (CryptographicException)
        {
            // Tampering (or a value moved between rows) is reported, never returned.
            logger.LogError("The check-in note of {LocalDate} failed its integrity check", note.LocalDate);
            return null;
        }
    }

    private sealed record NoteRow(DateOnly LocalDate, byte[] Note, DateTime CreatedAt);
}
