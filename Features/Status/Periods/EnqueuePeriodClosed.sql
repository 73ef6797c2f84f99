-- Integrator deliveries, queued in the closing transaction (the outbox the webhook worker sends from).
INSERT INTO webhook_deliveries (webhook_id, event, payload)
SELECT id, @name, @payload::jsonb
FROM webhooks
WHERE organisation_id = @organisationId AND revoked_at IS NULL AND @name = ANY(events);
