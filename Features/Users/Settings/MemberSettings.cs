using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Users.Settings;

public sealed record SettingsView(string Language, string TimeZone, TimeOnly CheckinTime, bool WeekdaysOnly, string Cadence, DateOnly? PausedUntil, bool VoiceAnalysis);

/// <summary>Reads and changes a person's own settings, as that person (row-level security applies).</summary>
public sealed class MemberSettings(NpgsqlDataSource db)
{
    private static readonly string UpdateSql = Sql.Load<MemberSettings>("UpdateSettings");
    private static readonly string ReadSql = Sql.Load<MemberSettings>("GetSettings");

    public async Task<SettingsView> ApplyAsync(Actor actor, SettingsChange change, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(actor, ct);
        await session.Connection.ExecuteAsync(session.Command(UpdateSql, new
        {
            id = actor.UserId,
            change.Language,
            change.TimeZone,
            change.CheckinTime,
            change.WeekdaysOnly,
            change.Cadence,
            change.PauseUntil,
            change.Resume,
            change.VoiceAnalysis,
        }, ct));
        var view = await session.Connection.QuerySingleAsync<SettingsView>(session.Command(ReadSql, new { id = actor.UserId }, ct));
        await session.CommitAsync(ct);
        return view;
    }

    public async Task<SettingsView> ReadAsync(Actor actor, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(actor, ct);
        return await session.Connection.QuerySingleAsync<SettingsView>(session.Command(ReadSql, new { id = actor.UserId }, ct));
    }
}
