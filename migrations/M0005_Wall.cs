using FluentMigrator;

namespace Mindguard.Migrations;

/// <summary>
/// The anonymous wall. A post has no author column and no link to users or Telegram; its text is
/// sealed under the organisation's wall key (<c>organisations.wall_key</c>, wrapped by a master key).
/// It carries the day it was written, never the moment: until release it has a random release
/// instant, which the release job replaces with a sequence number drawn in random order per batch.
/// Nobody but the system sees a post before release, so an early look cannot undo the delay.
/// </summary>
[Migration(5, "Wall: anonymous posts, flags, digests")]
public sealed class M0005_Wall : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            ALTER TABLE organisations ADD COLUMN wall_key bytea;

            CREATE SEQUENCE wall_release_seq;

            CREATE TABLE wall_posts (
              id                 uuid PRIMARY KEY,
              organisation_id    uuid NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
              category           text NOT NULL CHECK (category IN ('workload', 'relationships', 'management', 'wellbeing', 'other')),
              body               bytea NOT NULL,
              created_on         date NOT NULL,
              release_at         timestamptz,
              released_seq       bigint UNIQUE,
              hidden             text CHECK (hidden IN ('flags', 'admin')),
              flag_count         int NOT NULL DEFAULT 0 CHECK (flag_count >= 0),
              delete_token_hash  bytea NOT NULL UNIQUE CHECK (length(delete_token_hash) = 32),
              -- Pending (a release instant) or released (a place in the order), never both.
              CHECK ((release_at IS NULL) <> (released_seq IS NULL))
            );
            CREATE INDEX wall_posts_due ON wall_posts (release_at) WHERE release_at IS NOT NULL;
            CREATE INDEX wall_posts_released ON wall_posts (organisation_id, released_seq DESC) WHERE released_seq IS NOT NULL;

            -- A flagger is a keyed hash of (post, member): it stops double flags without saying who,
            -- and the same member's flags on two posts cannot be linked.
            CREATE TABLE wall_flags (
              post_id  uuid NOT NULL REFERENCES wall_posts (id) ON DELETE CASCADE,
              flagger  bytea NOT NULL,
              PRIMARY KEY (post_id, flagger)
            );

            -- Up to which released post each organisation's admins have had a digest.
            CREATE TABLE wall_digests (
              organisation_id    uuid PRIMARY KEY REFERENCES organisations (id) ON DELETE CASCADE,
              last_released_seq  bigint NOT NULL
            );

            ALTER TABLE wall_posts ENABLE ROW LEVEL SECURITY;
            CREATE POLICY wall_posts_read ON wall_posts FOR SELECT
              USING (app_role() = 'system'
                     OR (organisation_id = app_org_id() AND released_seq IS NOT NULL
                         AND (hidden IS NULL OR app_role() = 'admin')));
            -- A member writes a pending post of their own organisation, and nothing more.
            CREATE POLICY wall_posts_write ON wall_posts FOR INSERT
              WITH CHECK (app_role() = 'system'
                          OR (app_role() IN ('employee', 'manager', 'admin') AND organisation_id = app_org_id()
                              AND release_at IS NOT NULL AND released_seq IS NULL AND hidden IS NULL AND flag_count = 0));
            CREATE POLICY wall_posts_moderate ON wall_posts FOR UPDATE
              USING (app_role() = 'system' OR (app_role() = 'admin' AND organisation_id = app_org_id() AND released_seq IS NOT NULL))
              WITH CHECK (app_role() = 'system' OR (app_role() = 'admin' AND organisation_id = app_org_id() AND released_seq IS NOT NULL));
            -- Authors delete through wall_delete_post with their token; nobody deletes by id.
            CREATE POLICY wall_posts_delete ON wall_posts FOR DELETE USING (app_role() = 'system');

            -- Moderation changes whether a post shows, never what it says, when or where.
            CREATE FUNCTION wall_posts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF current_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = TG_RELID) OR app_role() = 'system' THEN
                RETURN NEW;
              END IF;
              IF NEW.id IS DISTINCT FROM OLD.id OR NEW.organisation_id IS DISTINCT FROM OLD.organisation_id
                 OR NEW.category IS DISTINCT FROM OLD.category OR NEW.body IS DISTINCT FROM OLD.body
                 OR NEW.created_on IS DISTINCT FROM OLD.created_on OR NEW.release_at IS DISTINCT FROM OLD.release_at
                 OR NEW.released_seq IS DISTINCT FROM OLD.released_seq OR NEW.delete_token_hash IS DISTINCT FROM OLD.delete_token_hash
                 OR NEW.flag_count > OLD.flag_count THEN
                RAISE EXCEPTION 'moderation may only hide or restore a post' USING ERRCODE = '42501';
              END IF;
              RETURN NEW;
            END $$;
            CREATE TRIGGER wall_posts_guard BEFORE UPDATE ON wall_posts
              FOR EACH ROW EXECUTE FUNCTION wall_posts_guard();

            ALTER TABLE wall_flags ENABLE ROW LEVEL SECURITY;
            CREATE POLICY wall_flags_read ON wall_flags FOR SELECT USING (app_role() = 'system');
            -- The subquery runs under the member's own policies: only posts they can see can be flagged.
            CREATE POLICY wall_flags_add ON wall_flags FOR INSERT
              WITH CHECK (app_role() = 'system'
                          OR (app_role() IN ('employee', 'manager', 'admin') AND EXISTS (
                                SELECT 1 FROM wall_posts p WHERE p.id = post_id AND p.hidden IS NULL AND p.released_seq IS NOT NULL)));

            -- Three flags from different members hide a post pending review. Runs as the owner:
            -- members may add a flag but never change a post themselves.
            CREATE FUNCTION wall_count_flag() RETURNS trigger
              LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
            BEGIN
              UPDATE wall_posts
              SET flag_count = flag_count + 1,
                  hidden = CASE WHEN hidden IS NULL AND flag_count + 1 >= 3 THEN 'flags' ELSE hidden END
              WHERE id = NEW.post_id;
              RETURN NULL;
            END $$;
            CREATE TRIGGER wall_flags_count AFTER INSERT ON wall_flags
              FOR EACH ROW EXECUTE FUNCTION wall_count_flag();

            ALTER TABLE wall_digests ENABLE ROW LEVEL SECURITY;
            CREATE POLICY wall_digests_access ON wall_digests USING (app_role() = 'system');

            -- The token is hashed here, so knowing a stored hash (members can read post rows) is not
            -- enough to delete: only the author, who holds the token itself, can.
            CREATE FUNCTION wall_delete_post(token bytea) RETURNS boolean
              LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
              WITH gone AS (
                DELETE FROM wall_posts
                WHERE delete_token_hash = sha256(token) AND organisation_id = app_org_id()
                  AND app_role() IN ('employee', 'manager', 'admin')
                RETURNING 1)
              SELECT EXISTS (SELECT 1 FROM gone)
            $$;

            -- Headcount for the anonymity threshold: members cannot see each other's rows.
            CREATE FUNCTION organisation_active_members(org uuid) RETURNS int
              LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
              $$ SELECT count(*)::int FROM users
                 WHERE organisation_id = org AND active AND (app_role() = 'system' OR org = app_org_id()) $$;
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP TABLE wall_digests, wall_flags, wall_posts;
            DROP FUNCTION organisation_active_members(uuid), wall_delete_post(bytea), wall_count_flag(), wall_posts_guard();
            DROP SEQUENCE wall_release_seq;
            ALTER TABLE organisations DROP COLUMN wall_key;
            """);
    }
}
