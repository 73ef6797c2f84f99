using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// Per-organisation safety settings: its own crisis resources per language, and whether people are
/// asked before their care contacts are told (ALERT_MODE consent). Alerts awaiting that consent are
/// visible to the person only.
/// </summary>
[Migration(10, "Organisation safety settings and consent before alerts")]
public sealed class M0010_OrganisationSafety : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            ALTER TABLE organisations
              ADD COLUMN crisis_resources jsonb,
              ADD COLUMN alert_mode text CHECK (alert_mode IN ('notify', 'consent'));

            ALTER TABLE alerts DROP CONSTRAINT alerts_status_check;
            ALTER TABLE alerts ADD CONSTRAINT alerts_status_check
              CHECK (status IN ('awaiting_consent', 'open', 'acknowledged', 'resolved'));

            DROP POLICY alerts_access ON alerts;
            CREATE POLICY alerts_access ON alerts
              USING (app_role() = 'system'
                     OR user_id = app_user_id()
                     OR (status <> 'awaiting_consent' AND (
                           (app_role() = 'admin' AND organisation_id = app_org_id())
                        OR (app_role() = 'manager' AND organisation_id = app_org_id()
                            AND team_id = (SELECT u.team_id FROM users u WHERE u.id = app_user_id())))));
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DELETE FROM alerts WHERE status = 'awaiting_consent';
            ALTER TABLE alerts DROP CONSTRAINT alerts_status_check;
            ALTER TABLE alerts ADD CONSTRAINT alerts_status_check CHECK (status IN ('open', 'acknowledged', 'resolved'));
            ALTER TABLE organisations DROP COLUMN crisis_resources, DROP COLUMN alert_mode;
            """);
    }
}
