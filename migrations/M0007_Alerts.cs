using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// Alerts about people whose estimates stay critical, with their life (open → acknowledged →
/// resolved) and an audit trail of who did what. One open alert per person and rule.
/// </summary>
[Migration(7, "Alerts: alerts and their audit trail")]
public sealed class M0007_Alerts : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE alerts (
              id               uuid PRIMARY KEY,
              user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
              team_id          uuid REFERENCES teams (id) ON DELETE SET NULL,
              rule             text NOT NULL CHECK (rule IN ('critical', 'warning')),
              metric           text NOT NULL,
              level            text NOT NULL,
              since            date NOT NULL,
              status           text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
              raised_at        timestamptz NOT NULL DEFAULT now(),
              acknowledged_at  timestamptz,
              acknowledged_by  uuid REFERENCES users (id) ON DELETE SET NULL,
              resolved_at      timestamptz,
              resolved_by      uuid REFERENCES users (id) ON DELETE SET NULL
            );
            CREATE UNIQUE INDEX alerts_one_open ON alerts (user_id, rule) WHERE status <> 'resolved';
            CREATE INDEX alerts_organisation ON alerts (organisation_id, raised_at DESC);

            CREATE TABLE alert_events (
              id        bigserial PRIMARY KEY,
              alert_id  uuid NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
              actor_id  uuid REFERENCES users (id) ON DELETE SET NULL,
              action    text NOT NULL,
              at        timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX alert_events_alert ON alert_events (alert_id, at);

            -- Care contacts: the person's team managers and the organisation's admins. The person sees their own.
            ALTER TABLE alerts ENABLE ROW LEVEL SECURITY;
            CREATE POLICY alerts_access ON alerts
              USING (app_role() = 'system'
                     OR user_id = app_user_id()
                     OR (app_role() = 'admin' AND organisation_id = app_org_id())
                     OR (app_role() = 'manager' AND organisation_id = app_org_id()
                         AND team_id = (SELECT u.team_id FROM users u WHERE u.id = app_user_id())));
            ALTER TABLE alert_events ENABLE ROW LEVEL SECURITY;
            CREATE POLICY alert_events_access ON alert_events
              USING (app_role() = 'system' OR EXISTS (SELECT 1 FROM alerts a WHERE a.id = alert_events.alert_id));
            """);
    }

    public override void Down()
    {
        Execute.Sql("DROP TABLE alert_events, alerts;");
    }
}
