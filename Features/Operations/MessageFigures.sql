-- Outbox messages to one organisation's people queued in the window.
SELECT
  count(*)::int AS queued,
  count(*) FILTER (WHERE o.status = 'sent')::int AS sent,
  count(*) FILTER (WHERE o.status = 'failed')::int AS failed,
  count(*) FILTER (WHERE o.status IN ('pending', 'sending'))::int AS pending,
  count(*) FILTER (WHERE o.attempts > 1)::int AS retried,
  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM o.sent_at - o.created_at)::float8) FILTER (WHERE o.status = 'sent') AS lag_p50_seconds,
  percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM o.sent_at - o.created_at)::float8) FILTER (WHERE o.status = 'sent') AS lag_p95_seconds,
  max(extract(epoch FROM o.sent_at - o.created_at))::float8 AS lag_max_seconds
FROM outbox o
JOIN users u ON u.id = o.user_id
WHERE u.organisation_id = @organisationId AND o.created_at >= @from AND o.created_at < @to;
