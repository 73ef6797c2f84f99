SELECT id, event, status, attempts, last_status, last_error, created_at, delivered_at
FROM webhook_deliveries
WHERE webhook_id = @webhookId AND (@before::bigint IS NULL OR id < @before)
ORDER BY id DESC
LIMIT @limit;
