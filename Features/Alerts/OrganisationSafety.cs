using System.Text.Json;
using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Alerts;

/// <param name="AlertAdmins">always: admins are told about everyone; fallback: only about people whose team has no reachable manager.</param>
public sealed record SafetySettings(string AlertMode, IReadOnlyDictionary<string, string>? CrisisResources, string AlertAdmins);

/// <summary>An organisation's alert mode and its own crisis resources per language, if it set them.</summary>
public sealed class OrganisationSafety(NpgsqlDataSource db, IOptions<AlertOptions> options)
{
    private static readonly string ReadSql = Sql.Load<OrganisationSafety>("GetOrganisationSafety");
    private static readonly string UpdateSql = Sql.Load<OrganisationSafety>("UpdateOrganisationSafety");

    public async Task<SafetySettings> ReadAsync(Guid organisationId, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var row = await session.Connection.QuerySingleOrDefaultAsync<(string? AlertMode, string? CrisisResources, string? AlertAdmins)>(
            session.Command(ReadSql, new { organisationId }, ct));
        return new SafetySettings(row.AlertMode ?? options.Value.Mode,
            row.CrisisResources is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(row.CrisisResources),
            row.AlertAdmins ?? options.Value.Admins);
    }

    /// <summary>As an admin of the organisation (RLS: only admins may change it).</summary>
    public async Task<bool> UpdateAsync(Actor admin, string? alertMode, IReadOnlyDictionary<string, string>? crisisResources, CancellationToken ct, string? alertAdmins = null)
    {
        await using var session = await db.OpenSessionAsync(admin, ct);
        var changed = await session.Connection.ExecuteAsync(session.Command(UpdateSql, new
        {
            id = admin.OrganisationId,
            alertMode,
            alertAdmins,
            crisisResources = crisisResources is null ? null : JsonSerializer.Serialize(crisisResources),
        }, ct));
        if (changed == 1)
            await AuditTrail.RecordAsync(session, admin, AuditActions.SafetySettingsChanged, ct,
                detail: new { alertMode, crisisResourcesChanged = crisisResources is not null });
        await session.CommitAsync(ct);
        return changed == 1;
    }
}
