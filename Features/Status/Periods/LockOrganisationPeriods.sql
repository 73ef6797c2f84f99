-- One closing at a time per organisation (across replicas), so each new cell is compared with every
-- cell published before it.
SELECT pg_advisory_xact_lock(hashtextextended('close-periods:' || @organisationId::text, 0));
