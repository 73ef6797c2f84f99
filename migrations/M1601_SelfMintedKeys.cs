using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// A person's API key is minted only by that person (issue 16): an admin-minted key for someone else let
/// the admin read that person's own data as them. The insert policy now holds it in the database too,
/// so no endpoint or later change can mint a key for another person.
/// <para>
/// Nothing recorded who minted the keys that exist today, so every key whose maker cannot be proven is
/// revoked; only the bootstrap key (owned by the bootstrap admin, who has no Telegram account and so could
/// only have got it from <c>MINDGUARD_BOOTSTRAP_API_KEY</c>) survives. People mint a new key with
/// <c>/apikey</c> in the bot (DEPLOYMENT.md tells operators to announce this).
/// </para>
/// </summary>
[Migration(1601, "Users: keys are minted only by their owner; revoke keys of unknown origin")]
public sealed class M1601_SelfMintedKeys : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            DROP POLICY api_keys_access ON api_keys;
            CREATE POLICY api_keys_read ON api_keys FOR SELECT
              USING (app_role() = 'system'
                     OR user_id = app_user_id()
                     OR (app_role() = 'admin' AND EXISTS (
                           SELECT 1 FROM users u WHERE u.id = api_keys.user_id AND u.organisation_id = app_org_id())));
            -- Revoking: people their own keys, admins any key of their organisation (offboarding a leaver).
            CREATE POLICY api_keys_revoke ON api_keys FOR UPDATE
              USING (app_role() = 'system'
                     OR user_id = app_user_id()
                     OR (app_role() = 'admin' AND EXISTS (
                           SELECT 1 FROM users u WHERE u.id = api_keys.user_id AND u.organisation_id = app_org_id())));
            CREATE POLICY api_keys_mint ON api_keys FOR INSERT
              WITH CHECK (app_role() = 'system' OR user_id = app_user_id());
            CREATE POLICY api_keys_delete ON api_keys FOR DELETE
              USING (app_role() = 'system' OR user_id = app_user_id());

            UPDATE api_keys k SET revoked_at = now()
            WHERE k.revoked_at IS NULL
              AND NOT (k.name = 'bootstrap'
                       AND EXISTS (SELECT 1 FROM users u WHERE u.id = k.user_id AND u.telegram_id IS NULL));
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP POLICY api_keys_read ON api_keys;
            DROP POLICY api_keys_revoke ON api_keys;
            DROP POLICY api_keys_mint ON api_keys;
            DROP POLICY api_keys_delete ON api_keys;
            CREATE POLICY api_keys_access ON api_keys
              USING (app_role() = 'system'
                     OR user_id = app_user_id()
                     OR (app_role() = 'admin' AND EXISTS (
                           SELECT 1 FROM users u WHERE u.id = api_keys.user_id AND u.organisation_id = app_org_id())));
            """);
    }
}
