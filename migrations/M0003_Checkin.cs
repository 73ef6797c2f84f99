using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// Check-in days (one row per person and local date: prompted, reminded, completed) and answers
/// (unique per person, local date and question id, written the moment they are given).
/// </summary>
[Migration(3, "Check-in: days, answers, notes")]
public sealed class M0003_Checkin : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE checkin_days (
              user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              local_date    date NOT NULL,
              prompted_at   timestamptz,
              reminded_at   timestamptz,
              completed_at  timestamptz,
              PRIMARY KEY (user_id, local_date)
            );
            CREATE INDEX checkin_days_open ON checkin_days (prompted_at) WHERE completed_at IS NULL AND reminded_at IS NULL;

            CREATE TABLE checkin_answers (
              id           bigserial PRIMARY KEY,
              user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              local_date   date NOT NULL,
              question_id  text NOT NULL,
              value        int NOT NULL,
              -- What the answer means, fixed when it is given: the metric and item it feeds and its
              -- score in the instrument's direction (reverse-worded items already reversed).
              metric       text NOT NULL,
              item         int,
              score        int NOT NULL,
              answered_at  timestamptz NOT NULL DEFAULT now(),
              UNIQUE (user_id, local_date, question_id)
            );
            CREATE INDEX checkin_answers_user_date ON checkin_answers (user_id, local_date DESC) INCLUDE (metric, item, score);

            CREATE TABLE checkin_notes (
              user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              local_date  date NOT NULL,
              note        bytea NOT NULL,
              created_at  timestamptz NOT NULL DEFAULT now(),
              PRIMARY KEY (user_id, local_date)
            );

            ALTER TABLE checkin_days ENABLE ROW LEVEL SECURITY;
            CREATE POLICY checkin_days_own ON checkin_days USING (app_role() = 'system' OR user_id = app_user_id());
            ALTER TABLE checkin_answers ENABLE ROW LEVEL SECURITY;
            CREATE POLICY checkin_answers_own ON checkin_answers USING (app_role() = 'system' OR user_id = app_user_id());
            ALTER TABLE checkin_notes ENABLE ROW LEVEL SECURITY;
            CREATE POLICY checkin_notes_own ON checkin_notes USING (app_role() = 'system' OR user_id = app_user_id());
            """);
    }

    public override void Down()
    {
        Execute.Sql("DROP TABLE checkin_notes, checkin_answers, checkin_days;");
    }
}
