using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// Row-level security is now forced on every table (see Infrastructure/Database/ForceRowLevelSecurity.sql),
/// so the owner obeys the policies too. The SECURITY DEFINER functions were written for an owner that
/// skipped them: each now acts as the system for its own statement and hands the caller's role back,
/// after reading whatever it needs of the caller's context first.
/// </summary>
[Migration(1610)]
public sealed class M1610_DefinerFunctionsActAsSystem : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            -- set_config(..., true) lasts to the end of the transaction, so every function puts the caller's
            -- role back before returning; an error aborts the transaction (or its savepoint), which undoes it.
            CREATE OR REPLACE FUNCTION team_active_members(team uuid) RETURNS int
              LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
            DECLARE
              caller text := current_setting('app.role', true);
              members int;
            BEGIN
              PERFORM set_config('app.role', 'system', true);
              SELECT count(*)::int INTO members FROM users WHERE team_id = team AND active;
              PERFORM set_config('app.role', coalesce(caller, ''), true);
              RETURN members;
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
              SELECT count(*)::int INTO members FROM users WHERE organisation_id = org AND active;
              PERFORM set_config('app.role', coalesce(caller, ''), true);
              RETURN members;
            END $$;

            CREATE OR REPLACE FUNCTION wall_count_flag() RETURNS trigger
              LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
            DECLARE
              caller text := current_setting('app.role', true);
            BEGIN
              PERFORM set_config('app.role', 'system', true);
              UPDATE wall_posts
              SET flag_count = flag_count + 1,
                  hidden = CASE WHEN hidden IS NULL AND flag_count + 1 >= 3 THEN 'flags' ELSE hidden END
              WHERE id = NEW.post_id;
              PERFORM set_config('app.role', coalesce(caller, ''), true);
              RETURN NULL;
            END $$;

            CREATE OR REPLACE FUNCTION wall_delete_post(token bytea) RETURNS boolean
              LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
            DECLARE
              caller text := current_setting('app.role', true);
              org uuid := app_org_id();
              deleted boolean;
            BEGIN
              IF app_role() NOT IN ('employee', 'manager', 'admin') THEN RETURN false; END IF;
              PERFORM set_config('app.role', 'system', true);
              WITH gone AS (
                DELETE FROM wall_posts WHERE delete_token_hash = sha256(token) AND organisation_id = org RETURNING 1)
              SELECT EXISTS (SELECT 1 FROM gone) INTO deleted;
              PERFORM set_config('app.role', coalesce(caller, ''), true);
              RETURN deleted;
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
                -- A person's first membership reaches back to the start: nobody answers before joining,
                -- and history loaded with a person (demo data) belongs to the team they joined.
                INSERT INTO memberships (user_id, organisation_id, team_id, valid_from)
                VALUES (NEW.id, NEW.organisation_id, NEW.team_id,
                        CASE WHEN TG_OP = 'INSERT' THEN '-infinity'::timestamptz ELSE now() END);
              END IF;
              PERFORM set_config('app.role', coalesce(caller, ''), true);
              RETURN NEW;
            END $$;
            """);
    }

    // The new function bodies are right with or without FORCE, so going down only lifts FORCE.
    public override void Down()
    {
        Execute.Sql("""
            DO $$
            DECLARE t regclass;
            BEGIN
              FOR t IN SELECT c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE n.nspname = 'public' AND c.relforcerowsecurity
              LOOP
                EXECUTE format('ALTER TABLE %s NO FORCE ROW LEVEL SECURITY', t);
              END LOOP;
            END $$;
            """);
    }
}
