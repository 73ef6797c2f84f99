using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// Voice notes: what was said (sealed under the person's own data key) and what the analysis found.
/// The audio itself is never stored. The words (transcript, topics) are encrypted; the numbers and the
/// risk flag stay plain so safety rules can read them. Only the person sees their rows; the system
/// role sees them for plumbing. The Telegram message id makes a redelivered update store nothing twice.
/// </summary>
[Migration(6, "Voice notes")]
public sealed class M0006_Voice : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE voice_notes (
              id                   uuid PRIMARY KEY,
              user_id              uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              telegram_message_id  bigint NOT NULL,
              duration_seconds     int NOT NULL CHECK (duration_seconds >= 0),
              transcript           bytea NOT NULL,
              topics               bytea NOT NULL,
              mood                 int NOT NULL CHECK (mood BETWEEN 1 AND 5),
              stress               int NOT NULL CHECK (stress BETWEEN 0 AND 10),
              self_harm_risk       boolean NOT NULL,
              created_at           timestamptz NOT NULL DEFAULT now(),
              UNIQUE (user_id, telegram_message_id)
            );
            CREATE INDEX voice_notes_user ON voice_notes (user_id, id DESC);

            ALTER TABLE voice_notes ENABLE ROW LEVEL SECURITY;
            CREATE POLICY voice_notes_own ON voice_notes USING (app_role() = 'system' OR user_id = app_user_id());
            """);
    }

    public override void Down()
    {
        Execute.Sql("DROP TABLE voice_notes;");
    }
}
