using Mindguard.Infrastructure.Database;

namespace Mindguard.Features.Users.Bootstrap;

/// <summary>
/// People listed in MINDGUARD_ADMIN_TELEGRAM_IDS become admins of the default organisation on their
/// first /start (once they agree to the terms), so a new deployment has someone who can create teams and invites.
/// </summary>
public sealed class TelegramAdmins(NpgsqlDataSource db, IOptions<BootstrapOptions> options, PersonCipher cipher, Consent.ConsentClauses clauses)
{
    private static readonly string LockSql = Sql.Load<TelegramAdmins>("LockBootstrap");
    private static readonly string InsertOrganisationSql = Sql.Load<TelegramAdmins>("InsertDefaultOrganisation");
    private static readonly string GetOrganisationSql = Sql.Load<TelegramAdmins>("GetDefaultOrganisation");
    private static readonly string InsertAdminSql = Sql.Load<TelegramAdmins>("InsertTelegramAdmin");

    public bool IsListed(long telegramId) => options.Value.AdminIds.Contains(telegramId);

    /// <summary>Creates the admin; returns the organisation's name, or null when they already exist.</summary>
    public async Task<string?> EnrolAsync(long telegramId, string language, string displayName, CancellationToken ct)
    {
        await using var session = await db.OpenSessionAsync(Actor.System, ct);
        var c = session.Connection;
        await c.ExecuteAsync(session.Command(LockSql, null, ct));
        await c.ExecuteAsync(session.Command(InsertOrganisationSql, new { id = Guid.CreateVersion7() }, ct));
        var organisation = await c.QuerySingleAsync<(Guid Id, string Name)>(session.Command(GetOrganisationSql, null, ct));
        var userId = Guid.CreateVersion7();
        var key = cipher.NewKey(userId);
        var inserted = await c.ExecuteAsync(session.Command(InsertAdminSql, new
        {
            id = userId,
            organisationId = organisation.Id,
            telegramId,
            displayName = cipher.EncryptDisplayName(userId, key.Wrapped, displayName),
            language,
            dataKey = key.Wrapped,
            // Enrolment happens only on "I agree" to the consent screen, as for everyone else.
            consentVersion = Consent.ConsentText.Version,
            consentClauses = clauses.InForce,
        }, ct));
        if (inserted == 0) return null;
        await session.CommitAsync(ct);
        return organisation.Name;
    }
}
