using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// Each person's 14-day estimates as of each day they answered, written by the metric engine when
/// answers arrive. Aggregates read one row per person and period from here instead of recomputing
/// item means over hundreds of thousands of answers on every request.
/// </summary>
[Migration(4, "Status: daily estimates")]
public sealed class M0004_Status : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE daily_estimates (
              user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              local_date     date NOT NULL,
              who5           float8,
              phq9           float8,
              gad7           float8,
              burnout        float8,
              stress         float8,
              sleep_hours    float8,
              sleep_quality  float8,
              wlb            float8,
              mood           float8,
              PRIMARY KEY (user_id, local_date)
            );

            ALTER TABLE daily_estimates ENABLE ROW LEVEL SECURITY;
            CREATE POLICY daily_estimates_own ON daily_estimates USING (app_role() = 'system' OR user_id = app_user_id());
            """);
    }

    public override void Down()
    {
        Execute.Sql("DROP TABLE daily_estimates;");
    }
}
