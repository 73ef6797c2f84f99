using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// Deactivated by an admin is not the same as having blocked the bot (issue 16): both stop messages
/// (<c>active = false</c>), but only a blocked person comes back with <c>/start</c>. <c>deactivated_at</c>
/// records the admin's act; <c>deactivation_noticed</c> that the person got the one polite message about it.
/// The identity guard keeps both in an admin's hands: the person cannot clear them or reactivate themselves.
/// </summary>
[Migration(1602, "Users: admin deactivation distinct from a blocked bot")]
public sealed class M1602_Offboarding : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            ALTER TABLE users
              ADD COLUMN deactivated_at timestamptz,
              ADD COLUMN deactivation_noticed boolean NOT NULL DEFAULT false,
              ADD CONSTRAINT users_deactivated_is_inactive CHECK (deactivated_at IS NULL OR NOT active);

            CREATE OR REPLACE FUNCTION users_guard_identity() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              -- The owner role (migrations, an operator with psql) is not subject to this, as it is not to RLS.
              IF current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID) THEN
                RETURN NEW;
              END IF;
              IF app_role() <> 'system' AND (
                   NEW.organisation_id IS DISTINCT FROM OLD.organisation_id
                OR NEW.telegram_id IS DISTINCT FROM OLD.telegram_id
                OR NEW.data_key IS DISTINCT FROM OLD.data_key
                OR (app_role() <> 'admin' AND (NEW.role IS DISTINCT FROM OLD.role OR NEW.team_id IS DISTINCT FROM OLD.team_id
                    OR NEW.deactivated_at IS DISTINCT FROM OLD.deactivated_at
                    OR (OLD.deactivated_at IS NOT NULL AND NEW.active)))) THEN
                RAISE EXCEPTION 'only an admin can change role, team or deactivation, and only the system identity' USING ERRCODE = '42501';
              END IF;
              RETURN NEW;
            END $$;
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            CREATE OR REPLACE FUNCTION users_guard_identity() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID) THEN
                RETURN NEW;
              END IF;
              IF app_role() <> 'system' AND (
                   NEW.organisation_id IS DISTINCT FROM OLD.organisation_id
                OR NEW.telegram_id IS DISTINCT FROM OLD.telegram_id
                OR NEW.data_key IS DISTINCT FROM OLD.data_key
                OR (app_role() <> 'admin' AND (NEW.role IS DISTINCT FROM OLD.role OR NEW.team_id IS DISTINCT FROM OLD.team_id))) THEN
                RAISE EXCEPTION 'only an admin can change role or team, and only the system identity' USING ERRCODE = '42501';
              END IF;
              RETURN NEW;
            END $$;
            ALTER TABLE users DROP CONSTRAINT users_deactivated_is_inactive,
              DROP COLUMN deactivation_noticed, DROP COLUMN deactivated_at;
            """);
    }
}
