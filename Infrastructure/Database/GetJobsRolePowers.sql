-- The scheduler's role may own its hangfire schema and nothing else, and must not read the app's tables.
SELECT r.rolsuper AS superuser, r.rolbypassrls AS bypass_rls,
       (SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'hangfire') AND n.nspname NOT LIKE 'pg_toast%'
          AND c.relkind IN ('r', 'p', 'v', 'm') AND pg_has_role(r.oid, c.relowner, 'USAGE')
        ORDER BY 1 LIMIT 1) AS owned_table,
       (SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
          AND has_table_privilege(r.oid, c.oid, 'SELECT, INSERT, UPDATE, DELETE')
        ORDER BY 1 LIMIT 1) AS readable_table
FROM pg_roles r
WHERE r.rolname = @role;
