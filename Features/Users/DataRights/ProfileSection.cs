using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Users.DataRights;

/// <summary>The person's profile, settings, API keys (never the keys themselves) and who read their data.</summary>
public sealed class ProfileSection(PersonCipher cipher) : IPersonalDataSection
{
    private static readonly string ProfileSql = Sql.Load<ProfileSection>("ExportProfile");
    private static readonly string KeysSql = Sql.Load<ProfileSection>("ExportApiKeys");
    private static readonly string AccessSql = Sql.Load<ProfileSection>("ExportAccessLog");

    public string Name => "profile";

    public async Task<object?> ReadAsync(DbSession session, Member member, CancellationToken ct)
    {
        var c = session.Connection;
        var profile = await c.QuerySingleAsync<ProfileRow>(session.Command(ProfileSql, new { id = member.Id }, ct));
        var keys = await c.QueryAsync<ApiKeyRow>(session.Command(KeysSql, new { id = member.Id }, ct));
        var access = await c.QueryAsync<AccessRow>(session.Command(AccessSql, new { id = member.Id }, ct));
        return new
        {
            profile.Id,
            profile.TelegramId,
            DisplayName = cipher.DecryptDisplayName(profile.Id, profile.DataKey, profile.DisplayName),
            profile.Role,
            profile.TeamName,
            profile.Language,
            profile.TimeZone,
            CheckinTime = profile.CheckinTime.ToString("HH:mm"),
            profile.WeekdaysOnly,
            profile.Cadence,
            profile.PausedUntil,
            profile.Active,
            profile.CreatedAt,
            profile.VoiceAnalysis,
            profile.ConsentVersion,
            profile.ConsentedAt,
            ApiKeys = keys,
            AccessLog = access,
        };
    }

    private sealed record ProfileRow(Guid Id, long? TelegramId, byte[]? DisplayName, byte[]? DataKey, string Role, string? TeamName,
        string Language, string TimeZone, TimeOnly CheckinTime, bool WeekdaysOnly, string Cadence, DateOnly? PausedUntil, bool Active, DateTime CreatedAt,
        bool VoiceAnalysis, string? ConsentVersion, DateTime? ConsentedAt);

    private sealed record ApiKeyRow(string Name, string DisplayPrefix, DateTime CreatedAt, DateTime? RevokedAt);

    private sealed record AccessRow(string ReaderRole, string What, DateTime ReadAt);
}
