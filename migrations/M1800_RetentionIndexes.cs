using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// The hourly clean-up finds old finished webhook deliveries and long-expired invites by age; without these
/// indexes each run would read the whole table, which is the one that grows.
/// </summary>
[Migration(1800, "Indexes for the clean-up's retention of webhook deliveries and invites")]
public sealed class M1800_RetentionIndexes : Migration
{
    public override void Up() =>
        Execute.Sql("""
            CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (created_at) WHERE status IN ('delivered', 'failed');
            CREATE INDEX invites_expires ON invites (expires_at);
            """);

    public override void Down() =>
        Execute.Sql("DROP INDEX webhook_deliveries_finished; DROP INDEX invites_expires;");
}
