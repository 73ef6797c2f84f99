-- Consequences that kept failing and were set aside, by kind and reason (never by person).
SELECT c.kind, coalesce(c.last_error, 'unknown') AS reason, count(*)::int AS count, max(c.finished_at) AS last_parked_at
FROM consequences c
JOIN users u ON u.id = c.user_id
WHERE u.organisation_id = @organisationId AND c.status = 'parked'
GROUP BY 1, 2
ORDER BY 3 DESC, 1
LIMIT 20;
