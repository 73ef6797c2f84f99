-- Owning a table (or being a member of a role that owns one) lets a role alter or disable its policies.
SELECT r.rolsuper AS superuser, r.rolbypassrls AS bypass_rls,
       (SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
          AND c.relkind IN ('r', 'p', 'v', 'm') AND pg_has_role(r.oid, c.relowner, 'USAGE')
        ORDER BY c.relname LIMIT 1) AS owned_table
FROM pg_roles r
WHERE r.rolname = @role;
