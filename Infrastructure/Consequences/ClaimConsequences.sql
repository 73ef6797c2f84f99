-- Due, or claimed by a worker that died before finishing (its lease ran out).
UPDATE consequences c
SET status = 'running', locked_until = now() + make_interval(secs => @leaseSeconds), attempts = c.attempts + 1
WHERE c.id IN (
  SELECT id FROM consequences
  WHERE ((status = 'pending' AND next_attempt_at <= now())
      OR (status = 'running' AND locked_until < now()))
    -- While people are tapping, routine work waits for them, up to a bound.
    AND (NOT @deferRoutine OR kind = ANY(@urgentKinds) OR next_attempt_at <= now() - make_interval(secs => @deferSeconds))
  -- A person at risk never waits behind a backlog of routine work (alert rules, early signals).
  ORDER BY kind = ANY(@urgentKinds) DESC, next_attempt_at, id
  LIMIT @batchSize
  FOR UPDATE SKIP LOCKED)
RETURNING c.id, c.user_id, c.kind, c.dedupe_key, c.local_date, c.attempts;
