DELETE FROM outbox
WHERE status IN ('sent', 'failed') AND created_at < now() - interval '30 days';
