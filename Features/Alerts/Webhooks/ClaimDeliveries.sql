UPDATE webhook_deliveries d
SET status = 'sending', locked_until = now() + interval '2 minutes', attempts = d.attempts + 1
FROM webhooks w
WHERE w.id = d.webhook_id AND d.id IN (
  SELECT id FROM webhook_deliveries
  WHERE (status = 'pending' AND next_attempt_at <= now()) OR (status = 'sending' AND locked_until < now())
  ORDER BY next_attempt_at, id
  LIMIT 20
  FOR UPDATE SKIP LOCKED)
RETURNING d.id, d.webhook_id, d.event, d.payload::text AS payload, d.attempts, w.url, w.secret;
