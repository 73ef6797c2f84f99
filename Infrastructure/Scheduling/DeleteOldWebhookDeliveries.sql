-- Finished deliveries only: one still pending or being sent is work, however old.
DELETE FROM webhook_deliveries
WHERE status IN ('delivered', 'failed') AND created_at < now() - make_interval(days => @days);
