using Dapper;
using Npgsql;
using NpgsqlTypes;
using Mindguard.Bench;

namespace Mindguard.Bench.Broadcast;

/// <summary>
/// Active people whose check-in is due now, written with COPY (staged, see <see cref="StagedCopy"/>) and moved in one statement,
/// so the dispatch job sees all of them or none.
/// </summary>
public static class PeopleSeeder
{
    private const string Columns = "id, organisation_id, team_id, telegram_id, role, language, time_zone, checkin_time, consent_version";

    /// <summary>Seeds <paramref name="count"/> people with chat ids from <paramref name="firstChatId"/> and returns those ids.</summary>
    public static async Task<IReadOnlyList<long>> SeedAsync(string ownerConnectionString, int count, long firstChatId)
    {
        var organisation = Guid.CreateVersion7();
        var team = Guid.CreateVersion7();
        var zone = ZoneWhereItIsAboutNoon(DateTimeOffset.UtcNow);
        var chats = Enumerable.Range(0, count).Select(i => firstChatId + i).ToList();

        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO organisations (id, name) VALUES (@organisation, 'Broadcast bench'); " +
            "INSERT INTO teams (id, organisation_id, name) VALUES (@team, @organisation, 'Everyone')",
            new { organisation, team });
        await using (var copy = await StagedCopy.BeginAsync(connection, "users", Columns))
        {
            foreach (var chat in chats)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(organisation, NpgsqlDbType.Uuid);
                await copy.WriteAsync(team, NpgsqlDbType.Uuid);
                await copy.WriteAsync(chat, NpgsqlDbType.Bigint);
                await copy.WriteAsync("employee", NpgsqlDbType.Text);
                await copy.WriteAsync("en", NpgsqlDbType.Text);
                await copy.WriteAsync(zone, NpgsqlDbType.Text);
                await copy.WriteAsync(TimeSpan.Zero, NpgsqlDbType.Time);
                // Agreed to the terms, as everyone who joins through the bot has; otherwise they would be asked instead of prompted.
                await copy.WriteAsync(Mindguard.Features.Users.Consent.ConsentText.Version, NpgsqlDbType.Text);
            }
            await copy.CompleteAsync();
        }
        await StagedCopy.MoveAsync(connection, "users", Columns);
        await connection.ExecuteAsync("ANALYZE users");
        return chats;
    }

    // Check-in time 00:00 in a zone where it is around midday: everyone is due at once, and the run
    // cannot cross a local midnight, after which the job would rightly prompt everyone again.
    private static string ZoneWhereItIsAboutNoon(DateTimeOffset now)
    {
        var offset = 12 - now.UtcDateTime.Hour;
        // The Etc zones' signs are the POSIX way round: Etc/GMT-3 is three hours ahead of UTC.
        return offset switch
        {
            0 => "Etc/GMT",
            > 0 => $"Etc/GMT-{offset}",
            _ => $"Etc/GMT+{-offset}",
        };
    }
}
