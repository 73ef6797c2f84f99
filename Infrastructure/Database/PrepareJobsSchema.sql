-- The scheduler's storage lives in the hangfire schema, owned by its own role ({role}, quoted): Hangfire
-- installs and upgrades its tables there as that role, which has no rights on the app's tables. Creating
-- the schema for that role, or handing over one the owner created before, needs membership in it.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, {literal}, 'MEMBER') THEN
    EXECUTE format('GRANT %I TO %I', {literal}, current_user);
  END IF;
END
$$;
GRANT CONNECT ON DATABASE {database} TO {role};
CREATE SCHEMA IF NOT EXISTS hangfire AUTHORIZATION {role};
ALTER SCHEMA hangfire OWNER TO {role};
-- Deployments before issue 16 ran Hangfire as the owner, so its tables are the owner's: hand them over.
-- Sequences that belong to a column move with their table.
DO $$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT c.oid::regclass AS object, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'hangfire' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = {literal})
      AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I',
      CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.object, {literal});
  END LOOP;
  FOR r IN
    SELECT p.oid::regprocedure AS object FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'hangfire' AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = {literal})
  LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO %I', r.object, {literal});
  END LOOP;
END
$$;
