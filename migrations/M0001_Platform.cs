using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// Organisations, teams, people, API keys, the Telegram outbox and dead letters, with the
/// row-level security every later table follows: the runtime role sees only what the
/// transaction's context (<c>app.user_id</c>, <c>app.org_id</c>, <c>app.role</c>) allows.
/// </summary>
[Migration(1, "Platform: people, keys, outbox, dead letters, RLS")]
public sealed class M0001_Platform : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
              $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
            CREATE FUNCTION app_org_id() RETURNS uuid LANGUAGE sql STABLE AS
              $$ SELECT nullif(current_setting('app.org_id', true), '')::uuid $$;
            CREATE FUNCTION app_role() RETURNS text LANGUAGE sql STABLE AS
              $$ SELECT coalesce(nullif(current_setting('app.role', true), ''), 'none') $$;

            CREATE TABLE organisations (
              id          uuid PRIMARY KEY,
              name        text NOT NULL,
              time_zone   text NOT NULL DEFAULT 'Europe/Kyiv',
              is_default  boolean NOT NULL DEFAULT false,
              created_at  timestamptz NOT NULL DEFAULT now()
            );
            CREATE UNIQUE INDEX organisations_one_default ON organisations (is_default) WHERE is_default;

            CREATE TABLE teams (
              id               uuid PRIMARY KEY,
              organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
              name             text NOT NULL,
              time_zone        text NOT NULL DEFAULT 'Europe/Kyiv',
              created_at       timestamptz NOT NULL DEFAULT now(),
              UNIQUE (organisation_id, name)
            );

            CREATE TABLE users (
              id               uuid PRIMARY KEY,
              organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
              team_id          uuid REFERENCES teams (id) ON DELETE SET NULL,
              telegram_id      bigint UNIQUE,
              display_name     bytea,
              role             text NOT NULL DEFAULT 'employee' CHECK (role IN ('employee', 'manager', 'admin')),
              language         text NOT NULL DEFAULT 'uk' CHECK (language IN ('uk', 'en')),
              time_zone        text NOT NULL DEFAULT 'Europe/Kyiv',
              checkin_time     time NOT NULL DEFAULT '10:00',
              weekdays_only    boolean NOT NULL DEFAULT false,
              cadence          text NOT NULL DEFAULT 'daily' CHECK (cadence IN ('daily', 'every3days', 'weekly')),
              paused_until     date,
              active           boolean NOT NULL DEFAULT true,
              data_key         bytea,
              created_at       timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX users_organisation ON users (organisation_id);
            CREATE INDEX users_team ON users (team_id);

            CREATE TABLE api_keys (
              id              uuid PRIMARY KEY,
              user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              name            text NOT NULL,
              key_hash        text NOT NULL UNIQUE,
              display_prefix  text NOT NULL,
              created_at      timestamptz NOT NULL DEFAULT now(),
              revoked_at      timestamptz
            );
            CREATE INDEX api_keys_user ON api_keys (user_id);

            CREATE TABLE outbox (
              id               bigserial PRIMARY KEY,
              chat_id          bigint NOT NULL,
              user_id          uuid REFERENCES users (id) ON DELETE CASCADE,
              payload          jsonb NOT NULL,
              status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
              attempts         int NOT NULL DEFAULT 0,
              next_attempt_at  timestamptz NOT NULL DEFAULT now(),
              locked_until     timestamptz,
              last_error       text,
              created_at       timestamptz NOT NULL DEFAULT now(),
              sent_at          timestamptz
            );
            CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status IN ('pending', 'sending');
            CREATE INDEX outbox_finished ON outbox (created_at) WHERE status IN ('sent', 'failed');

            CREATE TABLE telegram_dead_letters (
              id          bigserial PRIMARY KEY,
              update_id   bigint NOT NULL,
              payload     bytea NOT NULL,
              error       text NOT NULL,
              created_at  timestamptz NOT NULL DEFAULT now()
            );

            ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
            CREATE POLICY organisations_read ON organisations FOR SELECT
              USING (app_role() = 'system' OR id = app_org_id());
            CREATE POLICY organisations_write ON organisations
              USING (app_role() = 'system' OR (app_role() = 'admin' AND id = app_org_id()));

            ALTER TABLE teams ENABLE ROW LEVEL SECURITY;
            CREATE POLICY teams_read ON teams FOR SELECT
              USING (app_role() = 'system' OR organisation_id = app_org_id());
            CREATE POLICY teams_write ON teams
              USING (app_role() = 'system' OR (app_role() = 'admin' AND organisation_id = app_org_id()));

            ALTER TABLE users ENABLE ROW LEVEL SECURITY;
            CREATE POLICY users_access ON users
              USING (app_role() = 'system'
                     OR id = app_user_id()
                     OR (app_role() = 'admin' AND organisation_id = app_org_id()));

            -- People may change their own settings, but who they are (role, team, organisation,
            -- Telegram account) changes only by an admin of their organisation or the system.
            CREATE FUNCTION users_guard_identity() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              -- The owner role (migrations, an operator with psql) is not subject to this, as it is not to RLS.
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
            CREATE TRIGGER users_guard_identity BEFORE UPDATE ON users
              FOR EACH ROW EXECUTE FUNCTION users_guard_identity();

            -- Aggregate headcount for managers, who cannot see other people's rows.
            CREATE FUNCTION team_active_members(team uuid) RETURNS int
              LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
              $$ SELECT count(*)::int FROM users WHERE team_id = team AND active $$;

            ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
            CREATE POLICY api_keys_access ON api_keys
              USING (app_role() = 'system'
                     OR user_id = app_user_id()
                     OR (app_role() = 'admin' AND EXISTS (
                           SELECT 1 FROM users u WHERE u.id = api_keys.user_id AND u.organisation_id = app_org_id())));

            ALTER TABLE outbox ENABLE ROW LEVEL SECURITY;
            CREATE POLICY outbox_access ON outbox USING (app_role() = 'system');

            ALTER TABLE telegram_dead_letters ENABLE ROW LEVEL SECURITY;
            CREATE POLICY dead_letters_access ON telegram_dead_letters USING (app_role() = 'system');
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP TABLE telegram_dead_letters, outbox, api_keys, users, teams, organisations;
            DROP FUNCTION team_active_members(uuid), users_guard_identity(), app_user_id(), app_org_id(), app_role();
            """);
    }
}
