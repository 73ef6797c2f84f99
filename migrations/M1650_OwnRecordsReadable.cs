using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// A person's data export holds everything kept about them (issue 16), read as them under row-level security.
/// Four tables held rows about a person that only the system could read: their team membership history, the
/// closed periods whose aggregates count them, when they last had an early-signal message, and their own acts
/// as a manager or admin in the audit log. Each gets a policy letting a person read their own rows, and
/// nothing more: writing stays with the system (and the audit log stays append-only), and nobody reads
/// anyone else's rows through these policies.
/// </summary>
[Migration(1650, "Data rights: a person reads their own memberships, aggregate counts, early signal and acts")]
public sealed class M1650_OwnRecordsReadable : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE POLICY memberships_own ON memberships FOR SELECT USING (user_id = app_user_id());
            CREATE POLICY aggregate_respondents_own ON aggregate_respondents FOR SELECT USING (user_id = app_user_id());
            CREATE POLICY early_signals_own ON early_signals FOR SELECT USING (user_id = app_user_id());
            CREATE POLICY audit_log_own_acts ON audit_log FOR SELECT USING (actor_id = app_user_id());
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP POLICY audit_log_own_acts ON audit_log;
            DROP POLICY early_signals_own ON early_signals;
            DROP POLICY aggregate_respondents_own ON aggregate_respondents;
            DROP POLICY memberships_own ON memberships;
            """);
    }
}
