-- Summarised broadcasts only; their outbox rows (already gone after 30 days) would keep a null link.
DELETE FROM broadcasts
WHERE summarised_at IS NOT NULL AND started_at < now() - interval '90 days';
