using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// "Prefer not to answer": a skipped question is stored as an answer row with no value and no score,
/// so the check-in moves on and the day can complete exactly as after an answer, while every reader
/// that scores (estimates, /status, alerts, aggregates) finds nothing to count. The check keeps the two
/// together: a row is either answered (value and score) or skipped (neither).
/// </summary>
[Migration(1710, "Checkin: an answer may be skipped (no value, no score)")]
public sealed class M1710_SkippedAnswers : Migration
{
    public override void Up() =>
        Execute.Sql("""
            ALTER TABLE checkin_answers ALTER COLUMN value DROP NOT NULL, ALTER COLUMN score DROP NOT NULL,
              ADD CONSTRAINT checkin_answers_skipped_whole CHECK ((value IS NULL) = (score IS NULL));
            """);

    // As the system role, so the delete still sees every row if row-level security is forced on the owner.
    // Going back loses the skips: without the column being nullable there is no way to keep them.
    public override void Down() =>
        Execute.Sql("""
            SELECT set_config('app.role', 'system', true);
            DELETE FROM checkin_answers WHERE value IS NULL;
            ALTER TABLE checkin_answers DROP CONSTRAINT checkin_answers_skipped_whole,
              ALTER COLUMN value SET NOT NULL, ALTER COLUMN score SET NOT NULL;
            """);
}
