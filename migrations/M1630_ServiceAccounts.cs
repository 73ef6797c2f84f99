using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// Service accounts for integrations (issue 16): a non-person principal is a <c>users</c> row with role
/// <c>service</c>, so everything that records who acted (<c>alerts.acknowledged_by</c>, <c>audit_log.actor_id</c>,
/// the access log's reader) keeps referencing <c>users</c>. It has no Telegram id, no data key and no team,
/// so it is never prompted, never a care contact (those are managers and admins) and never in a team's people.
/// <para>
/// RLS admits <c>app.role = 'service'</c> only where a scope it holds requires: alerts of its organisation
/// (<c>alerts:read</c> to read, <c>alerts:write</c> to acknowledge and resolve) and the organisation's webhooks
/// (<c>webhooks:manage</c>). The scopes are read from its own row, so a revoked scope or a revoked account takes
/// effect at once at the database, whatever a cache says. It is never counted as a member (memberships,
/// the wall's anonymity threshold) and never reads wall posts; every other policy already admits only
/// the system, the row's own person or an admin/manager, none of which a service account is.
/// </para>
/// </summary>
[Migration(1630, "Users: service accounts with scopes for integrations")]
public sealed class M1630_ServiceAccounts : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            ALTER TABLE users DROP CONSTRAINT users_role_check;
            ALTER TABLE users
              ADD CONSTRAINT users_role_check CHECK (role IN ('employee', 'manager', 'admin', 'service')),
              ADD COLUMN scopes text[] NOT NULL DEFAULT '{}',
              -- An integration's name is no personal data (display_name is, encrypted under a data key it does not have).
              ADD COLUMN service_name text,
              ADD CONSTRAINT users_service_named CHECK ((role = 'service') = (service_name IS NOT NULL)),
              ADD CONSTRAINT users_scopes_known
                CHECK (scopes <@ ARRAY['aggregates:read', 'alerts:read', 'alerts:write', 'webhooks:manage']::text[]),
              ADD CONSTRAINT users_service_is_no_person
                CHECK (role <> 'service' OR (telegram_id IS NULL AND data_key IS NULL AND team_id IS NULL)),
              ADD CONSTRAINT users_scopes_only_for_services CHECK (role = 'service' OR scopes = '{}');

            -- Whether the acting service account (active) holds a scope; false for anyone else.
            CREATE FUNCTION app_has_scope(scope text) RETURNS boolean LANGUAGE sql STABLE AS $$
              SELECT app_role() = 'service' AND EXISTS (
                SELECT 1 FROM users u
                WHERE u.id = app_user_id() AND u.role = 'service' AND u.active AND scope = ANY (u.scopes)) $$;

            -- A person never becomes a service account, nor a service account a person (PATCH /api/users).
            CREATE FUNCTION users_guard_service() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID) OR app_role() = 'system' THEN
                RETURN NEW;
              END IF;
              IF (OLD.role = 'service') <> (NEW.role = 'service') OR NEW.scopes IS DISTINCT FROM OLD.scopes THEN
                RAISE EXCEPTION 'a service account stays a service account, with the scopes it was created with' USING ERRCODE = '42501';
              END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER users_guard_service BEFORE UPDATE ON users
              FOR EACH ROW EXECUTE FUNCTION users_guard_service();

            -- As M1610 made them (acting as the system for their own statement), now leaving service accounts out.
            CREATE OR REPLACE FUNCTION users_record_membership() RETURNS trigger
              LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
            DECLARE
              caller text := current_setting('app.role', true);
            BEGIN
              -- A service account is nobody's colleague: it never counts in a team or the organisation.
              IF NEW.role = 'service' THEN
                RETURN NEW;
              END IF;
              IF TG_OP = 'UPDATE' THEN
                IF NEW.team_id IS NOT DISTINCT FROM OLD.team_id AND NEW.active = OLD.active
                   AND NEW.organisation_id = OLD.organisation_id THEN
                  RETURN NEW;
                END IF;
              END IF;
              PERFORM set_config('app.role', 'system', true);
              IF TG_OP = 'UPDATE' THEN
                UPDATE memberships SET valid_to = now() WHERE user_id = NEW.id AND valid_to IS NULL;
              END IF;
              IF NEW.active THEN
                INSERT INTO memberships (user_id, organisation_id, team_id, valid_from)
                VALUES (NEW.id, NEW.organisation_id, NEW.team_id,
                        CASE WHEN TG_OP = 'INSERT' THEN '-infinity'::timestamptz ELSE now() END);
              END IF;
              PERFORM set_config('app.role', coalesce(caller, ''), true);
              RETURN NEW;
            END $$;

            CREATE OR REPLACE FUNCTION organisation_active_members(org uuid) RETURNS int
              LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
            DECLARE
              caller text := current_setting('app.role', true);
              allowed boolean := app_role() = 'system' OR org = app_org_id();
              members int;
            BEGIN
              IF NOT allowed THEN RETURN 0; END IF;
              PERFORM set_config('app.role', 'system', true);
              SELECT count(*)::int INTO members FROM users WHERE organisation_id = org AND active AND role <> 'service';
              PERFORM set_config('app.role', coalesce(caller, ''), true);
              RETURN members;
            END $$;

            -- Wall posts are for the organisation's people, not its integrations.
            DROP POLICY wall_posts_read ON wall_posts;
            CREATE POLICY wall_posts_read ON wall_posts FOR SELECT
              USING (app_role() = 'system'
                     OR (app_role() IN ('employee', 'manager', 'admin')
                         AND organisation_id = app_org_id() AND released_seq IS NOT NULL
                         AND (hidden IS NULL OR app_role() = 'admin')));

            CREATE POLICY alerts_service_read ON alerts FOR SELECT
              USING (app_role() = 'service' AND organisation_id = app_org_id() AND status <> 'awaiting_consent'
                     AND (app_has_scope('alerts:read') OR app_has_scope('alerts:write')));
            CREATE POLICY alerts_service_write ON alerts FOR UPDATE
              USING (app_role() = 'service' AND organisation_id = app_org_id() AND status <> 'awaiting_consent'
                     AND app_has_scope('alerts:write'));

            CREATE POLICY webhooks_service ON webhooks
              USING (app_role() = 'service' AND organisation_id = app_org_id() AND app_has_scope('webhooks:manage'));

            -- An admin mints the key of a service account of their organisation (never a person's: api_keys_mint).
            CREATE POLICY api_keys_mint_service ON api_keys FOR INSERT
              WITH CHECK (app_role() = 'admin' AND EXISTS (
                SELECT 1 FROM users u WHERE u.id = api_keys.user_id AND u.role = 'service' AND u.organisation_id = app_org_id()));
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DELETE FROM users WHERE role = 'service';
            DROP POLICY api_keys_mint_service ON api_keys;
            DROP POLICY webhooks_service ON webhooks;
            DROP POLICY alerts_service_write ON alerts;
            DROP POLICY alerts_service_read ON alerts;
            DROP POLICY wall_posts_read ON wall_posts;
            CREATE POLICY wall_posts_read ON wall_posts FOR SELECT
              USING (app_role() = 'system'
                     OR (organisation_id = app_org_id() AND released_seq IS NOT NULL
                         AND (hidden IS NULL OR app_role() = 'admin')));
            CREATE OR REPLACE FUNCTION organisation_active_members(org uuid) RETURNS int
              LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
            DECLARE
              caller text := current_setting('app.role', true);
              allowed boolean := app_role() = 'system' OR org = app_org_id();
              members int;
            BEGIN
              IF NOT allowed THEN RETURN 0; END IF;
              PERFORM set_config('app.role', 'system', true);
              SELECT count(*)::int INTO members FROM users WHERE organisation_id = org AND active;
              PERFORM set_config('app.role', coalesce(caller, ''), true);
              RETURN members;
            END $$;
            CREATE OR REPLACE FUNCTION users_record_membership() RETURNS trigger
              LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
            DECLARE
              caller text := current_setting('app.role', true);
            BEGIN
              IF TG_OP = 'UPDATE' THEN
                IF NEW.team_id IS NOT DISTINCT FROM OLD.team_id AND NEW.active = OLD.active
                   AND NEW.organisation_id = OLD.organisation_id THEN
                  RETURN NEW;
                END IF;
              END IF;
              PERFORM set_config('app.role', 'system', true);
              IF TG_OP = 'UPDATE' THEN
                UPDATE memberships SET valid_to = now() WHERE user_id = NEW.id AND valid_to IS NULL;
              END IF;
              IF NEW.active THEN
                INSERT INTO memberships (user_id, organisation_id, team_id, valid_from)
                VALUES (NEW.id, NEW.organisation_id, NEW.team_id,
                        CASE WHEN TG_OP = 'INSERT' THEN '-infinity'::timestamptz ELSE now() END);
              END IF;
              PERFORM set_config('app.role', coalesce(caller, ''), true);
              RETURN NEW;
            END $$;
            DROP TRIGGER users_guard_service ON users;
            DROP FUNCTION users_guard_service();
            DROP FUNCTION app_has_scope(text);
            ALTER TABLE users
              DROP CONSTRAINT users_scopes_only_for_services,
              DROP CONSTRAINT users_service_is_no_person,
              DROP CONSTRAINT users_scopes_known,
              DROP CONSTRAINT users_service_named,
              DROP COLUMN service_name,
              DROP COLUMN scopes,
              DROP CONSTRAINT users_role_check,
              ADD CONSTRAINT users_role_check CHECK (role IN ('employee', 'manager', 'admin'));
            """);
    }
}
