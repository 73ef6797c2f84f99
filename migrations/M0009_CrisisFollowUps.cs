using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>Daily follow-ups after the crisis path started, until the person has said twice that they are better.</summary>
[Migration(9, "Alerts: crisis follow-ups")]
public sealed class M0009_CrisisFollowUps : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE crisis_followups (
              user_id     uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
              next_at     timestamptz NOT NULL,
              better      int NOT NULL DEFAULT 0,
              closed_at   timestamptz
            );
            CREATE INDEX crisis_followups_due ON crisis_followups (next_at) WHERE closed_at IS NULL;
            ALTER TABLE crisis_followups ENABLE ROW LEVEL SECURITY;
            CREATE POLICY crisis_followups_access ON crisis_followups USING (app_role() = 'system' OR user_id = app_user_id());
            """);
    }

    public override void Down()
    {
        Execute.Sql("DROP TABLE crisis_followups;");
    }
}
