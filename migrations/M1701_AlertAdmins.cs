using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// Who is told about a person is the team's managers; the organisation's admins only when the team has
/// no manager who can be reached, unless the organisation asks for its admins always ('always').
/// Null follows the deployment's ALERT_ADMINS (default 'fallback').
/// </summary>
[Migration(1701, "Alerts: whether an organisation's admins are always care contacts")]
public sealed class M1701_AlertAdmins : Migration
{
    public override void Up() =>
        Execute.Sql("ALTER TABLE organisations ADD COLUMN alert_admins text CHECK (alert_admins IN ('always', 'fallback'))");

    public override void Down() =>
        Execute.Sql("ALTER TABLE organisations DROP COLUMN alert_admins");
}
