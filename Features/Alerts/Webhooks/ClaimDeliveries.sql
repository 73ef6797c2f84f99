WITH due AS (
  SELECT d.id, d.next_attempt_at, w.organisation_id,
         row_number() OVER (PARTITION BY w.organisation_id ORDER BY d.next_attempt_at, d.id) AS n
  FROM webhook_deliveries d
  JOIN webhooks w ON w.id = d.webhook_id
  WHERE ((d.status = 'pending' AND d.next_attempt_at <= now()) OR (d.status = 'sending' AND d.locked_until < now()))
    AND NOT (w.organisation_id = ANY(@busyOrganisations))
),
organisations AS (
  SELECT organisation_id FROM due WHERE n = 1 ORDER BY next_attempt_at, id LIMIT @organisations
),
claimable AS (
  SELECT d.id FROM webhook_deliveries d
  WHERE d.id IN (SELECT id FROM due WHERE n <= @perOrganisation AND organisation_id IN (SELECT organisation_id FROM organisations))
    AND ((d.status = 'pending' AND d.next_attempt_at <= now()) OR (d.status = 'sending' AND d.locked_until < now()))
  FOR UPDATE SKIP LOCKED
)
UPDATE webhook_deliveries d
SET status = 'sending', locked_until = now() + make_interval(secs => @leaseSeconds), attempts = d.attempts + 1
FROM webhooks w
WHERE w.id = d.webhook_id AND d.id IN (SELECT id FROM claimable)
RETURNING d.id, d.webhook_id, w.organisation_id, d.event, d.payload::text AS payload, d.attempts, w.url, w.secret;
