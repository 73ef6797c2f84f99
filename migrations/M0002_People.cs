using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// Invites (stored as Argon2id hashes with a short lookup prefix) and the append-only access log of
/// who read whose data. The runtime role may add to the log and read it, never change or delete it.
/// </summary>
[Migration(2, "People: invites and the access log")]
public sealed class M0002_People : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE invites (
              id               uuid PRIMARY KEY,
              organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
              team_id          uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
              role             text NOT NULL DEFAULT 'employee' CHECK (role IN ('employee', 'manager', 'admin')),
              code_prefix      text NOT NULL,
              code_hash        text NOT NULL,
              max_uses         int NOT NULL CHECK (max_uses > 0),
              uses             int NOT NULL DEFAULT 0,
              expires_at       timestamptz NOT NULL,
              created_by       uuid REFERENCES users (id) ON DELETE SET NULL,
              created_at       timestamptz NOT NULL DEFAULT now(),
              revoked_at       timestamptz
            );
            CREATE INDEX invites_prefix ON invites (code_prefix) WHERE revoked_at IS NULL;
            CREATE INDEX invites_organisation ON invites (organisation_id, created_at DESC);

            CREATE TABLE access_log (
              id               bigserial PRIMARY KEY,
              organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
              reader_id        uuid REFERENCES users (id) ON DELETE SET NULL,
              reader_role      text NOT NULL,
              subject_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              what             text NOT NULL,
              read_at          timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX access_log_subject ON access_log (subject_id, read_at DESC);

            ALTER TABLE invites ENABLE ROW LEVEL SECURITY;
            CREATE POLICY invites_access ON invites
              USING (app_role() = 'system' OR (app_role() = 'admin' AND organisation_id = app_org_id()));

            ALTER TABLE access_log ENABLE ROW LEVEL SECURITY;
            CREATE POLICY access_log_read ON access_log FOR SELECT
              USING (app_role() = 'system' OR subject_id = app_user_id()
                     OR (app_role() = 'admin' AND organisation_id = app_org_id()));
            -- Whoever reads someone's data records it, as themselves, in their own organisation.
            CREATE POLICY access_log_write ON access_log FOR INSERT
              WITH CHECK (app_role() = 'system'
                          OR (reader_id = app_user_id() AND organisation_id = app_org_id()));
            """);
    }

    public override void Down()
    {
        Execute.Sql("DROP TABLE access_log, invites;");
    }
}
