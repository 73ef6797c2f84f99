using Mindguard.Features.Users;
using Mindguard.Infrastructure.Database;
using Mindguard.Infrastructure.Localization;

namespace Mindguard.Features.Alerts;

/// <summary>One person who is told about someone: where to reach them and the name the person knows them by.</summary>
public sealed record CareContact(Guid Id, long TelegramId, string Language, string Role, string? Name);

/// <summary>
/// Who receives a person's alerts and talk-now requests (the team's managers; admins only when there is
/// no reachable manager, or always when the organisation says so), read once so that the people named to
/// the person as informed are exactly the ones who get the message.
/// </summary>
public sealed class CareContacts(PersonCipher cipher, IOptions<AlertOptions> options)
{
    private static readonly string ContactsSql = Sql.Load<CareContacts>("GetCareContacts");

    public async Task<IReadOnlyList<CareContact>> ReadAsync(DbSession session, Guid organisationId, Guid? teamId, Guid userId, CancellationToken ct)
    {
        var rows = await session.Connection.QueryAsync<Row>(session.Command(ContactsSql,
            new { organisationId, teamId, userId, defaultAdmins = options.Value.Admins }, ct));
        return rows.Select(r => new CareContact(r.Id, r.TelegramId, r.Language, r.Role, cipher.DecryptDisplayName(r.Id, r.DataKey, r.DisplayName))).ToList();
    }

    /// <summary>The contacts by name for the person ("Olena Koval (team manager)"), or that there is nobody.</summary>
    public static string Names(IReadOnlyList<CareContact> contacts, string language)
    {
        string T(string key) => Catalogue.Instance.Get(key, language);
        if (contacts.Count == 0) return T(Msg.AlertContactsNone);
        return string.Join(", ", contacts.Select(c =>
        {
            var role = T(c.Role == Actor.Admin ? Msg.AlertContactAdmin : Msg.AlertContactManager);
            return string.IsNullOrWhiteSpace(c.Name) ? role : $"{c.Name} ({role})";
        }));
    }

    private sealed record Row(Guid Id, long TelegramId, string Language, string Role, byte[]? DisplayName, byte[]? DataKey);
}
