using System.Text.Json;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Users.DataRights;

/// <summary>
/// Everything Mindguard keeps about a person, decrypted, as one JSON document (bot /export and the API send
/// the same bytes). A manager's or admin's export is one of their acts and goes to the audit log in the same
/// transaction; an employee's stays their own business (the organisation's admins read the audit log).
/// </summary>
public sealed class PersonalDataExport(NpgsqlDataSource db, IEnumerable<IPersonalDataSection> sections, TimeProvider time)
{
    /// <summary>Which door the export left by, recorded with the act.</summary>
    public const string ViaBot = "bot";
    public const string ViaApi = "api";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<PersonalDataDocument> BuildAsync(Member member, string via, CancellationToken ct)
    {
        var document = new PersonalDataDocument { ExportedAt = time.GetUtcNow() };
        await using var session = await db.OpenSessionAsync(member.Actor, ct);
        foreach (var section in sections) await section.FillAsync(document, session, member, ct);
        if (member.IsManagerOrAdmin)
            await AuditTrail.RecordAsync(session, member.Actor, AuditActions.DataExported, ct, detail: new { via });
        await session.CommitAsync(ct);
        return document;
    }

    public async Task<byte[]> BuildJsonAsync(Member member, string via, CancellationToken ct) =>
        JsonSerializer.SerializeToUtf8Bytes(await BuildAsync(member, via, ct), Json);
}
