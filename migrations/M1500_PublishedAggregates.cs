using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// Aggregates are published once per closed calendar period and never recomputed (SPEC §4):
/// <list type="bullet">
/// <item><c>memberships</c>: who was an active member of which team when. A trigger on <c>users</c> keeps it,
/// so every path that moves, deactivates, reactivates, adds or deletes a person (admin API, onboarding,
/// /forget, demo and test seeding alike) records the change without each having to remember to.</item>
/// <item><c>aggregate_periods</c>, <c>aggregate_groups</c>: the published cells, with the counts the
/// read-time rules need. No foreign key to people or teams, so /forget and team deletion leave them.</item>
/// <item><c>aggregate_respondents</c>: who stood behind each period's cells, used only to decide whether a
/// reader is one of them and to compare a new cell with the published ones. When a person is deleted the
/// row stays without their id: the cell still counts them, nobody can tell who they were.</item>
/// </list>
/// All of it is readable by the system role only; managers and admins get cells through the API's rules.
/// </summary>
[Migration(1500, "Status: membership history and published aggregates of closed periods")]
public sealed class M1500_PublishedAggregates : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE memberships (
              id               bigserial PRIMARY KEY,
              user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
              team_id          uuid,
              valid_from       timestamptz NOT NULL,
              valid_to         timestamptz
            );
            CREATE UNIQUE INDEX memberships_open ON memberships (user_id) WHERE valid_to IS NULL;
            CREATE INDEX memberships_organisation ON memberships (organisation_id, valid_from);

            -- Everyone active today has been a member since before anything they answered.
            INSERT INTO memberships (user_id, organisation_id, team_id, valid_from)
            SELECT id, organisation_id, team_id, '-infinity' FROM users WHERE active;

            -- Runs as the owner: people and admins change users, never the history directly.
            CREATE FUNCTION users_record_membership() RETURNS trigger
              LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
            BEGIN
              IF TG_OP = 'UPDATE' THEN
                IF NEW.team_id IS NOT DISTINCT FROM OLD.team_id AND NEW.active = OLD.active
                   AND NEW.organisation_id = OLD.organisation_id THEN
                  RETURN NEW;
                END IF;
                UPDATE memberships SET valid_to = now() WHERE user_id = NEW.id AND valid_to IS NULL;
              END IF;
              IF NEW.active THEN
                -- A person's first membership reaches back to the start: nobody answers before joining,
                -- and history loaded with a person (demo data) belongs to the team they joined.
                INSERT INTO memberships (user_id, organisation_id, team_id, valid_from)
                VALUES (NEW.id, NEW.organisation_id, NEW.team_id,
                        CASE WHEN TG_OP = 'INSERT' THEN '-infinity'::timestamptz ELSE now() END);
              END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER users_record_membership AFTER INSERT OR UPDATE OF team_id, active, organisation_id ON users
              FOR EACH ROW EXECUTE FUNCTION users_record_membership();

            CREATE TABLE aggregate_periods (
              organisation_id  uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
              granularity      text NOT NULL CHECK (granularity IN ('week', 'month')),
              period_start     date NOT NULL,
              period_end       date NOT NULL,
              closed_at        timestamptz NOT NULL DEFAULT now(),
              PRIMARY KEY (organisation_id, granularity, period_start)
            );

            CREATE TABLE aggregate_groups (
              organisation_id  uuid NOT NULL,
              granularity      text NOT NULL,
              period_start     date NOT NULL,
              scope            text NOT NULL CHECK (scope IN ('team', 'organisation', 'unassigned')),
              team_id          uuid,
              members          int NOT NULL,
              respondents      int NOT NULL,
              suppressed       boolean NOT NULL,
              cells            jsonb NOT NULL,
              FOREIGN KEY (organisation_id, granularity, period_start) REFERENCES aggregate_periods ON DELETE CASCADE,
              UNIQUE NULLS NOT DISTINCT (organisation_id, granularity, period_start, scope, team_id)
            );

            CREATE TABLE aggregate_respondents (
              id               bigserial PRIMARY KEY,
              organisation_id  uuid NOT NULL,
              granularity      text NOT NULL,
              period_start     date NOT NULL,
              user_id          uuid REFERENCES users (id) ON DELETE SET NULL,
              team_id          uuid,
              metrics          int NOT NULL,
              FOREIGN KEY (organisation_id, granularity, period_start) REFERENCES aggregate_periods ON DELETE CASCADE
            );
            CREATE INDEX aggregate_respondents_period ON aggregate_respondents (organisation_id, granularity, period_start);
            CREATE INDEX aggregate_respondents_user ON aggregate_respondents (user_id, organisation_id, granularity, period_start);

            ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
            CREATE POLICY memberships_system ON memberships USING (app_role() = 'system');
            ALTER TABLE aggregate_periods ENABLE ROW LEVEL SECURITY;
            CREATE POLICY aggregate_periods_system ON aggregate_periods USING (app_role() = 'system');
            ALTER TABLE aggregate_groups ENABLE ROW LEVEL SECURITY;
            CREATE POLICY aggregate_groups_system ON aggregate_groups USING (app_role() = 'system');
            ALTER TABLE aggregate_respondents ENABLE ROW LEVEL SECURITY;
            CREATE POLICY aggregate_respondents_system ON aggregate_respondents USING (app_role() = 'system');
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP TABLE aggregate_respondents, aggregate_groups, aggregate_periods, memberships;
            DROP FUNCTION users_record_membership();
            """);
    }
}
