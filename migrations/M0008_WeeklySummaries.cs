using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>Which organisation's weekly summary went out for which week, so it goes out once.</summary>
[Migration(8, "Alerts: weekly summaries sent")]
public sealed class M0008_WeeklySummaries : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE weekly_summaries (
              organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
              week_start       date NOT NULL,
              sent_at          timestamptz NOT NULL DEFAULT now(),
              PRIMARY KEY (organisation_id, week_start)
            );
            ALTER TABLE weekly_summaries ENABLE ROW LEVEL SECURITY;
            CREATE POLICY weekly_summaries_system ON weekly_summaries USING (app_role() = 'system');
            """);
    }

    public override void Down()
    {
        Execute.Sql("DROP TABLE weekly_summaries;");
    }
}
