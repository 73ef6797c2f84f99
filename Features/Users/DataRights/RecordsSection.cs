using System.Text.Json;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Users.DataRights;

/// <summary>
/// What the records of acts say about the person: who else read their data or acted about them (access log),
/// what they did themselves as a manager or admin (audit log; M1650 lets them read their own acts), and the
/// work their answers set in motion (consequences).
/// </summary>
public sealed class RecordsSection : IPersonalDataSection
{
    private static readonly string AccessSql = Sql.Load<RecordsSection>("ExportAccessLog");
    private static readonly string ActsSql = Sql.Load<RecordsSection>("ExportOwnActs");
    private static readonly string ProcessingSql = Sql.Load<RecordsSection>("ExportProcessing");

    public async Task FillAsync(PersonalDataDocument document, DbSession session, Member member, CancellationToken ct)
    {
        var c = session.Connection;
        document.AccessLog = (await c.QueryAsync<AccessRow>(session.Command(AccessSql, new { id = member.Id }, ct)))
            .Select(a => new ExportedAccess(a.ReaderRole, a.What, a.Detail is null ? null : JsonDocument.Parse(a.Detail).RootElement.Clone(), a.ReadAt))
            .ToList();
        document.OwnActs = (await c.QueryAsync<ExportedAct>(session.Command(ActsSql, new { id = member.Id }, ct))).ToList();
        document.Processing = (await c.QueryAsync<ExportedProcessing>(session.Command(ProcessingSql, new { id = member.Id }, ct))).ToList();
    }

    private sealed record AccessRow(string ReaderRole, string What, string? Detail, DateTime ReadAt);
}
