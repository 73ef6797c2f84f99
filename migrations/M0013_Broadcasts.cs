using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// A broadcast is one run of a job that messages many people (the daily prompts, reminders). Its outbox
/// rows point to it, so once they are all finished one summary can be logged: sent, skipped, failed by
/// reason, duration and rate.
/// </summary>
[Migration(13, "Broadcasts")]
public sealed class M0013_Broadcasts : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE broadcasts (
              id             uuid PRIMARY KEY,
              kind           text NOT NULL,
              started_at     timestamptz NOT NULL DEFAULT now(),
              -- People the run would have messaged but did not: paused or inactive.
              skipped        int NOT NULL DEFAULT 0,
              summarised_at  timestamptz
            );
            CREATE INDEX broadcasts_open ON broadcasts (started_at) WHERE summarised_at IS NULL;
            ALTER TABLE outbox ADD COLUMN broadcast_id uuid REFERENCES broadcasts (id) ON DELETE SET NULL;
            CREATE INDEX outbox_broadcast ON outbox (broadcast_id) WHERE broadcast_id IS NOT NULL;

            ALTER TABLE broadcasts ENABLE ROW LEVEL SECURITY;
            CREATE POLICY broadcasts_system ON broadcasts USING (app_role() = 'system');
            """);
    }

    public override void Down()
    {
        Execute.Sql("ALTER TABLE outbox DROP COLUMN broadcast_id; DROP TABLE broadcasts;");
    }
}
