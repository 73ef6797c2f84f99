using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// Service figures that must add up across replicas: webhook answer times per minute (bucket counts)
/// and one row per scheduled job run. Neither holds personal data; both are kept for eight days.
/// </summary>
[Migration(12, "Operations: webhook latency and job runs")]
public sealed class M0012_Operations : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE webhook_latency (
              minute  timestamptz PRIMARY KEY,
              -- Requests per bucket of MindguardMetrics.LatencyBucketsMs, the last one for anything slower.
              counts  bigint[] NOT NULL
            );

            CREATE TABLE job_runs (
              id           bigserial PRIMARY KEY,
              job          text NOT NULL,
              started_at   timestamptz NOT NULL,
              duration_ms  int NOT NULL,
              succeeded    boolean NOT NULL,
              -- The exception type only: messages can carry data the job was working on.
              error        text
            );
            CREATE INDEX job_runs_started ON job_runs (started_at);

            -- The operations report reads recent days and messages of every person at once.
            CREATE INDEX checkin_days_local_date ON checkin_days (local_date);
            CREATE INDEX outbox_created ON outbox (created_at);

            ALTER TABLE webhook_latency ENABLE ROW LEVEL SECURITY;
            CREATE POLICY webhook_latency_system ON webhook_latency USING (app_role() = 'system');
            ALTER TABLE job_runs ENABLE ROW LEVEL SECURITY;
            CREATE POLICY job_runs_system ON job_runs USING (app_role() = 'system');
            """);
    }

    public override void Down()
    {
        Execute.Sql("DROP INDEX outbox_created, checkin_days_local_date; DROP TABLE job_runs, webhook_latency;");
    }
}
