-- A row is either due, or was claimed by a worker that died before finishing (its lease ran out).
-- Safety messages (lane 0) before replies (1) before broadcasts and reminders (2).
UPDATE outbox o
SET status = 'sending', locked_until = now() + make_interval(secs => @leaseSeconds), attempts = o.attempts + 1
WHERE o.id IN (
  SELECT id FROM outbox
  WHERE lane <= @maxLane
    AND ((status = 'pending' AND next_attempt_at <= now())
      OR (status = 'sending' AND locked_until < now()))
  ORDER BY lane, next_attempt_at, id
  LIMIT @batchSize
  FOR UPDATE SKIP LOCKED)
RETURNING o.id, o.chat_id, o.user_id, o.payload::text AS payload, o.attempts;
