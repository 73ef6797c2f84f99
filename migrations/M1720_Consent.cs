using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// Consent at joining (issue 17). <c>consent_version</c> and <c>consented_at</c> record which wording of the
/// consent text a person agreed to and when; people who were members before this migration have none, so
/// they are asked before their next check-in. <c>consent_asked_version</c> lets the check-in dispatcher ask a
/// person once per wording instead of prompting a check-in they cannot answer. <c>voice_analysis</c> is the
/// person's own switch for sending voice notes to the AI server. Only the person (or the system acting on
/// their tap) can record their consent: an admin, who may update people of the organisation, cannot.
/// </summary>
[Migration(1720, "Users: consent to the data terms, and the voice analysis switch")]
public sealed class M1720_Consent : Migration
{
    public override void Up() =>
        Execute.Sql("""
            ALTER TABLE users
              ADD COLUMN consent_version text,
              ADD COLUMN consented_at timestamptz,
              ADD COLUMN consent_asked_version text,
              ADD COLUMN voice_analysis boolean NOT NULL DEFAULT true;

            CREATE FUNCTION users_guard_consent() RETURNS trigger LANGUAGE plpgsql AS $$
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
            CREATE TRIGGER users_guard_consent BEFORE UPDATE ON users
              FOR EACH ROW EXECUTE FUNCTION users_guard_consent();
            """);

    public override void Down() =>
        Execute.Sql("""
            DROP TRIGGER users_guard_consent ON users;
            DROP FUNCTION users_guard_consent();
            ALTER TABLE users
              DROP COLUMN consent_version,
              DROP COLUMN consented_at,
              DROP COLUMN consent_asked_version,
              DROP COLUMN voice_analysis;
            """);
}
