SELECT
  count(*)::int AS pending,
  extract(epoch FROM @now - min(o.next_attempt_at) FILTER (WHERE o.next_attempt_at <= @now))::float8 AS oldest_due_seconds
FROM outbox o
JOIN users u ON u.id = o.user_id
WHERE u.organisation_id = @organisationId AND o.status IN ('pending', 'sending');
