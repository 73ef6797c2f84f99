using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// The stress items are now our own wording, no longer the PSS-10's (whose terms for use in a product
/// are not confirmed), so their ids stop naming PSS: pss.N becomes stress.N. Items keep their number,
/// direction and scale values, so answers already given keep their meaning and their scores.
/// </summary>
[Migration(1700, "Checkin: stress item ids no longer name PSS")]
public sealed class M1700_StressItemIds : Migration
{
    // As the system role, so the update still sees every row if row-level security is forced on the owner.
    public override void Up() =>
        Execute.Sql("SELECT set_config('app.role', 'system', true); UPDATE checkin_answers SET question_id = 'stress.' || substr(question_id, 5) WHERE question_id LIKE 'pss.%'");

    public override void Down() =>
        Execute.Sql("SELECT set_config('app.role', 'system', true); UPDATE checkin_answers SET question_id = 'pss.' || substr(question_id, 8) WHERE question_id LIKE 'stress.%'");
}
