using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// The audit trail of admin and manager acts (issue 16). Append-only: the runtime role is granted SELECT
/// and INSERT only (GrantAppRole.sql), RLS is forced so even the owner reads through the policies, and only
/// the organisation's admins read it. An act records who did it as themselves, in their own organisation.
/// <para>
/// The person an act was about is <c>subject_id</c> (cleared if they are later deleted, so /forget leaves no
/// id behind; foreign-key actions run as the table owner and need no UPDATE grant); the thing acted on (a key,
/// team, invite, webhook, alert, post) is <c>target_id</c>. <c>detail</c> holds no free text about people.
/// </para>
/// <para><c>access_log.detail</c> carries what an act about a person told them, e.g. which alert went to their care contacts.</para>
/// </summary>
[Migration(1603, "Users: append-only audit log of admin and manager acts")]
public sealed class M1603_AuditLog : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE audit_log (
              id               bigserial PRIMARY KEY,
              organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
              actor_id         uuid REFERENCES users (id) ON DELETE SET NULL,
              actor_role       text NOT NULL,
              action           text NOT NULL,
              subject_id       uuid REFERENCES users (id) ON DELETE SET NULL,
              target_id        uuid,
              detail           jsonb NOT NULL DEFAULT '{}',
              at               timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX audit_log_organisation ON audit_log (organisation_id, id DESC);
            CREATE INDEX audit_log_subject ON audit_log (subject_id) WHERE subject_id IS NOT NULL;
            CREATE INDEX audit_log_actor ON audit_log (actor_id) WHERE actor_id IS NOT NULL;

            ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
            ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
            CREATE POLICY audit_log_read ON audit_log FOR SELECT
              USING (app_role() = 'system' OR (app_role() = 'admin' AND organisation_id = app_org_id()));
            CREATE POLICY audit_log_write ON audit_log FOR INSERT
              WITH CHECK (app_role() = 'system'
                          OR (actor_id = app_user_id() AND organisation_id = app_org_id()));

            ALTER TABLE access_log ADD COLUMN detail jsonb;
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            ALTER TABLE access_log DROP COLUMN detail;
            DROP TABLE audit_log;
            """);
    }
}
