-- Alert trails are evidence of who was told what and when: the app adds to them and never rewrites
-- them. Rows leave only with the person they are about (a cascade, which runs as the owner).
-- Run after every grant, which hands the runtime role all rights on every table.
REVOKE UPDATE, DELETE, TRUNCATE ON TABLE public.alert_events FROM {role};
REVOKE DELETE, TRUNCATE ON TABLE public.alerts FROM {role};
