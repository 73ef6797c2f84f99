using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Users;

/// <summary>
/// Records, in the reader's own transaction, that someone read other people's individual data.
/// Reads of one's own data are not recorded. The table is append-only for the app.
/// </summary>
public static class AccessLog
{
    private static readonly string InsertSql = Sql.Load(typeof(AccessLog), "InsertAccessLog");
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <param name="detail">What the person should know about it (e.g. the alert's level, metric and date); no free text.</param>
    public static Task RecordAsync(DbSession session, Actor reader, IEnumerable<Guid> subjects, string what, CancellationToken ct,
        object? detail = null, Guid? organisationId = null)
    {
        var others = subjects.Where(s => s != reader.UserId).Distinct().ToArray();
        if (others.Length == 0) return Task.CompletedTask;
        return session.Connection.ExecuteAsync(session.Command(InsertSql, new
        {
            organisationId = organisationId ?? reader.OrganisationId,
            readerId = reader.UserId,
            readerRole = reader.Role,
            subjects = others,
            what,
            detail = detail is null ? null : System.Text.Json.JsonSerializer.Serialize(detail, Json),
        }, ct));
    }
}
