-- {role} is DatabaseOptions.DefaultAppRole or DefaultJobsRole and {password} a hex digest: neither can carry quotes;
-- {variable} is the setting that names another role instead.
-- An existing role that could bypass row-level security is refused rather than used.
DO $$
DECLARE
  existing pg_roles%ROWTYPE;
BEGIN
  SELECT * INTO existing FROM pg_roles WHERE rolname = '{role}';
  IF NOT FOUND THEN
    CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '{password}';
  ELSIF existing.rolsuper OR existing.rolbypassrls THEN
    RAISE EXCEPTION 'role {role} can bypass row-level security; drop it or set {variable} to a role without SUPERUSER and BYPASSRLS';
  ELSE
    ALTER ROLE {role} LOGIN PASSWORD '{password}';
  END IF;
END
$$;
