-- Broadcasts with nothing left to send, taken by exactly one job run (the UPDATE locks them).
UPDATE broadcasts b
SET summarised_at = now()
WHERE b.summarised_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.broadcast_id = b.id AND o.status IN ('pending', 'sending'))
RETURNING
  b.id, b.kind, b.started_at, b.skipped,
  (SELECT count(*) FROM outbox o WHERE o.broadcast_id = b.id AND o.status = 'sent')::int AS sent,
  (SELECT count(*) FROM outbox o WHERE o.broadcast_id = b.id AND o.status = 'failed')::int AS failed,
  (SELECT max(coalesce(o.sent_at, o.next_attempt_at)) FROM outbox o WHERE o.broadcast_id = b.id) AS finished_at,
  (SELECT string_agg(r.reason || ' ×' || r.n, ', ' ORDER BY r.n DESC)
   FROM (SELECT coalesce(o.last_error, 'unknown') AS reason, count(*) AS n
         FROM outbox o WHERE o.broadcast_id = b.id AND o.status = 'failed' GROUP BY 1) r) AS failures;
