using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// Which variant of each feature's clause a person agreed to (issue 17): today only voice, whose paragraph
/// names the AI server recordings go to, or says there is none. The consent version is a fingerprint of
/// the wording only, so without this an AI server set up after someone agreed to "recordings go nowhere"
/// would receive their voice notes unasked. People who agreed before this migration have none recorded
/// and are asked again before their first voice note goes anywhere. Guarded like the other consent
/// columns: only the person (or the system acting on their tap) can record it.
/// </summary>
[Migration(1721, "Users: the clause variants a person agreed to (the AI server voice notes go to)")]
public sealed class M1721_ConsentClauses : Migration
{
    public override void Up() =>
        Execute.Sql("""
            ALTER TABLE users ADD COLUMN consent_clauses jsonb;

            CREATE OR REPLACE FUNCTION users_guard_consent() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID) OR app_role() = 'system' THEN
                RETURN NEW;
              END IF;
              IF NEW.id IS DISTINCT FROM app_user_id() AND (
                   NEW.consent_version IS DISTINCT FROM OLD.consent_version
                OR NEW.consented_at IS DISTINCT FROM OLD.consented_at
                OR NEW.consent_clauses IS DISTINCT FROM OLD.consent_clauses
                OR NEW.voice_analysis IS DISTINCT FROM OLD.voice_analysis) THEN
                RAISE EXCEPTION 'only the person can agree to the data terms or switch voice analysis' USING ERRCODE = '42501';
              END IF;
              RETURN NEW;
            END $$;
            """);

    public override void Down() =>
        Execute.Sql("""
            CREATE OR REPLACE FUNCTION users_guard_consent() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID) OR app_role() = 'system' THEN
                RETURN NEW;
              END IF;
              IF NEW.id IS DISTINCT FROM app_user_id() AND (
                   NEW.consent_version IS DISTINCT FROM OLD.consent_version
                OR NEW.consented_at IS DISTINCT FROM OLD.consented_at
                OR NEW.voice_analysis IS DISTINCT FROM OLD.voice_analysis) THEN
                RAISE EXCEPTION 'only the person can agree to the data terms or switch voice analysis' USING ERRCODE = '42501';
              END IF;
              RETURN NEW;
            END $$;
            ALTER TABLE users DROP COLUMN consent_clauses;
            """);
}
