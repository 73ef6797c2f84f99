using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// What an answer sets in motion, stored with the answer: a crisis opened, alerts to evaluate, an early
/// signal to check, a note to screen. A worker on every replica carries each out once, with retries, and
/// parks what keeps failing with its reason. Also: the outbox's priority lanes, the early signal's
/// fortnightly memory in PostgreSQL (so it commits with its message), follow-ups that count one answer
/// per message, and talk-now requests and escalations as alerts with a trail.
/// </summary>
[Migration(14, "Consequences, outbox lanes, follow-up answers, escalation")]
public sealed class M0014_Consequences : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE consequences (
              id               bigserial PRIMARY KEY,
              user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              kind             text NOT NULL,
              -- What makes a redelivery find the consequence already recorded (a date, a question, a message).
              dedupe_key       text NOT NULL,
              local_date       date NOT NULL,
              status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'running', 'done', 'parked')),
              attempts         int NOT NULL DEFAULT 0,
              next_attempt_at  timestamptz NOT NULL DEFAULT now(),
              locked_until     timestamptz,
              last_error       text,
              created_at       timestamptz NOT NULL DEFAULT now(),
              finished_at      timestamptz,
              UNIQUE (user_id, kind, dedupe_key)
            );
            CREATE INDEX consequences_due ON consequences (next_attempt_at, id) WHERE status IN ('pending', 'running');
            CREATE INDEX consequences_finished ON consequences (finished_at) WHERE status IN ('done', 'parked');
            ALTER TABLE consequences ENABLE ROW LEVEL SECURITY;
            -- A person's own request records their consequences; only the system carries them out.
            -- (ON CONFLICT checks the new row against the SELECT policies too, so a person may see their own.)
            CREATE POLICY consequences_record ON consequences FOR INSERT WITH CHECK (app_role() = 'system' OR user_id = app_user_id());
            CREATE POLICY consequences_own ON consequences FOR SELECT USING (user_id = app_user_id());
            CREATE POLICY consequences_system ON consequences USING (app_role() = 'system');

            -- 0: safety (crisis, talk-now, alerts, consent); 1: replies to a person's own action; 2: broadcasts and reminders.
            ALTER TABLE outbox ADD COLUMN lane smallint NOT NULL DEFAULT 2;
            DROP INDEX outbox_due;
            CREATE INDEX outbox_due ON outbox (lane, next_attempt_at, id) WHERE status IN ('pending', 'sending');

            CREATE TABLE early_signals (
              user_id       uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
              last_sent_on  date NOT NULL
            );
            ALTER TABLE early_signals ENABLE ROW LEVEL SECURITY;
            CREATE POLICY early_signals_system ON early_signals USING (app_role() = 'system');

            -- Each follow-up message carries its own id, so a second tap on it (or a redelivery) counts nothing.
            -- The first moment at or after @at that is outside quiet hours (22:00-08:00) in the person's time zone.
            CREATE FUNCTION next_waking_time(at timestamptz, zone text) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$
              SELECT CASE
                WHEN (at AT TIME ZONE zone)::time >= time '22:00' THEN (date_trunc('day', at AT TIME ZONE zone) + interval '1 day 8 hours') AT TIME ZONE zone
                WHEN (at AT TIME ZONE zone)::time < time '08:00' THEN (date_trunc('day', at AT TIME ZONE zone) + interval '8 hours') AT TIME ZONE zone
                ELSE at END $$;

            ALTER TABLE crisis_followups ADD COLUMN prompt_id uuid, ADD COLUMN prompt_answered boolean NOT NULL DEFAULT true,
              ADD COLUMN last_better_on date;

            ALTER TABLE alerts DROP CONSTRAINT alerts_rule_check;
            ALTER TABLE alerts ADD CONSTRAINT alerts_rule_check CHECK (rule IN ('critical', 'warning', 'talk_now'));
            ALTER TABLE alerts ADD COLUMN escalated_at timestamptz;
            CREATE INDEX alerts_unacknowledged ON alerts (raised_at) WHERE status = 'open' AND escalated_at IS NULL;
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP INDEX alerts_unacknowledged;
            ALTER TABLE alerts DROP COLUMN escalated_at;
            ALTER TABLE alerts DROP CONSTRAINT alerts_rule_check;
            ALTER TABLE alerts ADD CONSTRAINT alerts_rule_check CHECK (rule IN ('critical', 'warning'));
            ALTER TABLE crisis_followups DROP COLUMN prompt_id, DROP COLUMN prompt_answered, DROP COLUMN last_better_on;
            DROP TABLE early_signals;
            DROP FUNCTION next_waking_time(timestamptz, text);
            DROP INDEX outbox_due;
            ALTER TABLE outbox DROP COLUMN lane;
            CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE status IN ('pending', 'sending');
            DROP TABLE consequences;
            """);
    }
}
