GRANT CONNECT ON DATABASE {database} TO {role};
GRANT USAGE ON SCHEMA public TO {role};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
REVOKE ALL ON TABLE public."VersionInfo" FROM {role};
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO {role};
-- The access log is append-only for the app: rows leave only with the person they are about.
REVOKE UPDATE, DELETE, TRUNCATE ON TABLE public.access_log FROM {role};
-- The audit trail of admin and manager acts is append-only too (M1603).
REVOKE UPDATE, DELETE, TRUNCATE ON TABLE public.audit_log FROM {role};
