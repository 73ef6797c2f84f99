using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>Integrator webhooks (secrets encrypted at rest) and their delivery log, which doubles as their outbox.</summary>
[Migration(11, "Integrator webhooks and deliveries")]
public sealed class M0011_Webhooks : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE webhooks (
              id               uuid PRIMARY KEY,
              organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
              url              text NOT NULL,
              secret           bytea NOT NULL,
              events           text[] NOT NULL,
              created_at       timestamptz NOT NULL DEFAULT now(),
              revoked_at       timestamptz
            );
            CREATE TABLE webhook_deliveries (
              id               bigserial PRIMARY KEY,
              webhook_id       uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
              event            text NOT NULL,
              payload          jsonb NOT NULL,
              status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'delivered', 'failed')),
              attempts         int NOT NULL DEFAULT 0,
              next_attempt_at  timestamptz NOT NULL DEFAULT now(),
              locked_until     timestamptz,
              last_status      int,
              last_error       text,
              created_at       timestamptz NOT NULL DEFAULT now(),
              delivered_at     timestamptz
            );
            CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE status IN ('pending', 'sending');
            CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id DESC);

            ALTER TABLE webhooks ENABLE ROW LEVEL SECURITY;
            CREATE POLICY webhooks_access ON webhooks
              USING (app_role() = 'system' OR (app_role() = 'admin' AND organisation_id = app_org_id()));
            ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
            CREATE POLICY webhook_deliveries_access ON webhook_deliveries
              USING (app_role() = 'system' OR EXISTS (SELECT 1 FROM webhooks w WHERE w.id = webhook_deliveries.webhook_id));
            """);
    }

    public override void Down()
    {
        Execute.Sql("DROP TABLE webhook_deliveries, webhooks;");
    }
}
