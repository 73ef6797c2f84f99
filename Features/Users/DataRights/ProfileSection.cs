using System.Text.Json;
using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Users.DataRights;

/// <summary>The person's profile, settings and API keys (never the keys themselves).</summary>
public sealed class ProfileSection(PersonCipher cipher) : IPersonalDataSection
{
    private static readonly string ProfileSql = Sql.Load<ProfileSection>("ExportProfile");
    private static readonly string KeysSql = Sql.Load<ProfileSection>("ExportApiKeys");

    public async Task FillAsync(PersonalDataDocument document, DbSession session, Member member, CancellationToken ct)
    {
        var c = session.Connection;
        var p = await c.QuerySingleAsync<ProfileRow>(session.Command(ProfileSql, new { id = member.Id }, ct));
        document.Profile = new ExportedProfile(p.Id, p.TelegramId, cipher.DecryptDisplayName(p.Id, p.DataKey, p.DisplayName), p.Role, p.TeamName,
            p.Active, p.DeactivatedAt, p.CreatedAt, p.ConsentVersion, p.ConsentedAt,
            p.ConsentClauses is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(p.ConsentClauses));
        document.Settings = new ExportedSettings(p.Language, p.TimeZone, p.CheckinTime.ToString("HH:mm"), p.WeekdaysOnly, p.Cadence, p.PausedUntil, p.VoiceAnalysis);
        document.ApiKeys = (await c.QueryAsync<ExportedApiKey>(session.Command(KeysSql, new { id = member.Id }, ct))).ToList();
    }

    private sealed record ProfileRow(Guid Id, long? TelegramId, byte[]? DisplayName, byte[]? DataKey, string Role, string? TeamName,
        string Language, string TimeZone, TimeOnly CheckinTime, bool WeekdaysOnly, string Cadence, DateOnly? PausedUntil, bool Active,
        DateTime? DeactivatedAt, DateTime CreatedAt, bool VoiceAnalysis, string? ConsentVersion, DateTime? ConsentedAt,
        string? ConsentClauses);
}
